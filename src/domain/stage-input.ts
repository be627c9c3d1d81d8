import { InvalidArgumentError } from '../errors/jobledger-error.js'
import { describe, validateId } from './ids.js'
import { findNonJson } from './plain-json.js'
import type { QueueItemRef } from './queue-item.js'
import { checkWellFormed, truncateText } from './text.js'

const MAX_MESSAGE_LENGTH = 4_096
export const MAX_DESCRIPTION_LENGTH = 1_024
/** The most values (array elements, object members, scalars) one job's args may hold. */
const MAX_ARGS_VALUES = 1_048_576

/** Stage numbers are non-negative safe integers; they need not be contiguous. */
export function validateStageNumber(value: unknown): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value
  throw new InvalidArgumentError(
    `stage number must be a non-negative integer, got ${describe(value)}.`,
    { details: { what: 'stage' } },
  )
}

/** Staged-job arguments travel through any queue as JSON: an array of plain JSON values. */
export function validateJobArgs(args: unknown): string {
  const problem = Array.isArray(args)
    ? findNonJson(args, 'args', MAX_ARGS_VALUES)
    : `args is ${describe(args)}, not an array`
  if (problem !== null) {
    throw new InvalidArgumentError(
      `${problem}; args must be an array of plain JSON values (strings, finite numbers, booleans, null, arrays, plain objects); convert dates and class instances first.`,
      { details: { what: 'args' } },
    )
  }
  return JSON.stringify(args)
}

export function validateJobName(name: unknown): string {
  return validateId(name, 'job name')
}

/** A staged job's status message, cut to 4,096 characters (never through a surrogate pair). */
export function validateStatusMessage(message: unknown): string {
  if (typeof message !== 'string') {
    throw new InvalidArgumentError(`status message must be a string, got ${describe(message)}.`)
  }
  return truncateText(checkWellFormed(message, 'status message'), MAX_MESSAGE_LENGTH)
}

/**
 * run()'s `carrier`: the tracked-queue item that carries this start, `{ queue, id }` (a
 * StartedItem is one); only those two fields are kept.
 */
export function validateCarrier(carrier: unknown): QueueItemRef {
  if (typeof carrier !== 'object' || carrier === null || Array.isArray(carrier)) {
    throw new InvalidArgumentError(
      `carrier must be the queue item that carries the job ({ queue, id }, e.g. the item popAndStart returned), got ${describe(carrier)}.`,
      { details: { what: 'carrier' } },
    )
  }
  const { queue, id } = carrier as Record<string, unknown>
  return { queue: validateId(queue, 'carrier queue'), id: validateId(id, 'carrier id') }
}

/** A group's description: well-formed text of at most MAX_DESCRIPTION_LENGTH characters. */
export function validateGroupDescription(description: unknown): string {
  if (typeof description !== 'string' || description.length > MAX_DESCRIPTION_LENGTH) {
    throw new InvalidArgumentError(
      `description must be a string of at most ${MAX_DESCRIPTION_LENGTH} characters.`,
    )
  }
  return checkWellFormed(description, 'description')
}

/** A delay in ms for enqueueIn: a non-negative finite number. */
export function validateDelayMs(ms: unknown): number {
  if (typeof ms === 'number' && Number.isFinite(ms) && ms >= 0) return Math.round(ms)
  throw new InvalidArgumentError(`delay must be a non-negative number of ms, got ${describe(ms)}.`)
}

export function validateRunAt(date: unknown): number {
  const ms = date instanceof Date ? date.getTime() : Number.NaN
  if (Number.isFinite(ms)) return ms
  throw new InvalidArgumentError('enqueueAt needs a valid Date as its first argument.')
}
