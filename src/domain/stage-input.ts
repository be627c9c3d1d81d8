import { InvalidArgumentError } from '../errors/jobledger-error.js'
import { describe, validateId } from './ids.js'

const MAX_MESSAGE_LENGTH = 4_096

/** Stage numbers are non-negative safe integers; they need not be contiguous. */
export function validateStageNumber(value: unknown): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value
  throw new InvalidArgumentError(
    `stage number must be a non-negative integer, got ${describe(value)}.`,
    { details: { what: 'stage' } },
  )
}

function isJsonValue(value: unknown, depth: number): boolean {
  if (depth > 64) return false
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true
  if (typeof value === 'number') return Number.isFinite(value)
  if (Array.isArray(value)) return value.every((item) => isJsonValue(item, depth + 1))
  if (typeof value !== 'object') return false
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) return false
  return Object.values(value).every((item) => isJsonValue(item, depth + 1))
}

/** Staged-job arguments travel through any queue as JSON: an array of plain JSON values. */
export function validateJobArgs(args: unknown): string {
  if (!Array.isArray(args) || !isJsonValue(args, 0)) {
    throw new InvalidArgumentError(
      'args must be an array of plain JSON values (strings, finite numbers, booleans, null, arrays, plain objects); convert dates and class instances first.',
      { details: { what: 'args' } },
    )
  }
  return JSON.stringify(args)
}

export function validateJobName(name: unknown): string {
  return validateId(name, 'job name')
}

export function validateStatusMessage(message: unknown): string {
  if (typeof message !== 'string') {
    throw new InvalidArgumentError(`status message must be a string, got ${describe(message)}.`)
  }
  return message.length > MAX_MESSAGE_LENGTH
    ? `${message.slice(0, MAX_MESSAGE_LENGTH - 1)}…`
    : message
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
