import { InvalidArgumentError, NotFoundError } from '../errors/jobledger-error.js'
import { describe, MAX_ID_BYTES, validateId } from './ids.js'
import { checkWellFormed } from './text.js'

/** The most items one batch may hold. */
export const MAX_BATCH_ITEMS = 1_000_000

/** The set every item of a new batch starts in, and the one a tracker works through. */
export const PENDING_SET = 'pending'

/** An item id as given by the caller: a string, or a safe integer (stored in decimal). */
export type ItemId = string | number

/**
 * The part a batch occupies in its job. Parts `batch-<index>` are reserved for batches:
 * adding a batch whose part was already pushed with `push()` is refused.
 */
export function batchPart(index: number): string {
  return `batch-${index}`
}

/** Validates one item id and returns it as the string that is stored. */
export function validateItemId(value: unknown, what = 'item'): string {
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) return String(value)
    throw new InvalidArgumentError(`${what} ${value} is a number but not a safe integer.`, {
      details: { what },
    })
  }
  if (typeof value !== 'string') {
    throw new InvalidArgumentError(
      `${what} must be a string or a safe integer, got ${describe(value)}.`,
      { details: { what } },
    )
  }
  if (value.length === 0)
    throw new InvalidArgumentError(`${what} must not be empty.`, { details: { what } })
  if (Buffer.byteLength(value, 'utf8') > MAX_ID_BYTES) {
    throw new InvalidArgumentError(
      `${what} is longer than ${MAX_ID_BYTES} bytes; use a shorter id (a hash of the long one works).`,
      { details: { what } },
    )
  }
  return checkWellFormed(value, what)
}

/** Validates a batch's items; returns the distinct ids as stored, in first-seen order. */
export function validateBatchItems(items: unknown): string[] {
  if (!Array.isArray(items)) {
    throw new InvalidArgumentError(`items must be an array of ids, got ${describe(items)}.`)
  }
  if (items.length === 0) {
    throw new InvalidArgumentError('A batch needs at least one item; skip empty slices.')
  }
  if (items.length > MAX_BATCH_ITEMS) {
    throw new InvalidArgumentError(
      `A batch holds at most ${MAX_BATCH_ITEMS.toLocaleString('en-US')} items, got ${items.length.toLocaleString('en-US')}; split it with addBatches(items, { size }).`,
    )
  }
  return [...new Set(items.map((item) => validateItemId(item)))]
}

/** Validates a list of item ids for moveItems (may be empty). */
export function validateItemIds(ids: unknown): string[] {
  if (!Array.isArray(ids))
    throw new InvalidArgumentError(`ids must be an array, got ${describe(ids)}.`)
  if (ids.length > MAX_BATCH_ITEMS) {
    throw new InvalidArgumentError(`Move at most ${MAX_BATCH_ITEMS} ids at a time.`)
  }
  return [...new Set(ids.map((id) => validateItemId(id, 'id')))]
}

export function validateBatchIndex(value: unknown): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value
  throw new InvalidArgumentError(
    `batch index must be a non-negative integer (the index addBatch returned), got ${describe(value)}.`,
  )
}

/** Set names go into Redis keys' neighbours and logs: the same rules as ids. */
export function validateSetName(value: unknown, what = 'set'): string {
  return validateId(value, what)
}

export function batchNotFoundError(token: string, index: number): NotFoundError {
  return new NotFoundError(
    `Job ${token} has no batch ${index} (it was never added, or the job expired); use the index addBatch returned.`,
    { details: { token, index } },
  )
}
