import { truncateText } from '../domain/text.js'
import { JobledgerError } from '../errors/jobledger-error.js'
import type { Store } from '../store/store.js'
import type { Status } from './status.js'

const MAX_STACK_BYTES = 4_096
const MAX_MESSAGE_LENGTH = 4_096

/** Ids being tracked right now, per store: a second track of the same id is refused. */
const running = new WeakMap<Store, Set<string>>()

export interface TrackedError {
  name: string
  message: string
  stack?: string
}

/**
 * Runs `fn` with the status marked working, then completed; when `fn` throws, marks it failed
 * with `{ error: { name, message, stack } }` (stack trimmed to 4 KB) and rethrows the error.
 */
export async function runTracked<T>(
  store: Store,
  status: Status,
  fn: (status: Status) => T | Promise<T>,
): Promise<T> {
  const ids = running.get(store) ?? new Set<string>()
  running.set(store, ids)
  if (ids.has(status.id)) {
    throw new JobledgerError(
      'CONFLICT',
      `Status ${status.id} is already being tracked in this process; use the status passed to the running track() instead of tracking it again.`,
      { details: { id: status.id } },
    )
  }
  ids.add(status.id)
  try {
    await status.update({ status: 'working' })
    let result: T
    try {
      result = await fn(status)
    } catch (error) {
      // The job's own error matters more than a failed status write, so that one is dropped.
      await status.update({ status: 'failed', error: describeError(error) }).catch(() => {})
      throw error
    }
    await status.update({ status: 'completed' })
    return result
  } finally {
    ids.delete(status.id)
  }
}

function describeError(error: unknown): TrackedError {
  const described: TrackedError =
    error instanceof Error
      ? { name: wellFormed(error.name), message: trim(error.message, MAX_MESSAGE_LENGTH) }
      : { name: 'Error', message: trim(String(error), MAX_MESSAGE_LENGTH) }
  if (error instanceof Error && typeof error.stack === 'string') {
    described.stack = trimBytes(error.stack, MAX_STACK_BYTES)
  }
  return described
}

// Caught text is kept, not refused: lone surrogates become U+FFFD, cuts fall between code points.
function trim(text: string, length: number): string {
  return truncateText(wellFormed(text), length)
}

function wellFormed(text: unknown): string {
  return String(text).toWellFormed()
}

function trimBytes(text: string, bytes: number): string {
  const buffer = Buffer.from(text)
  if (buffer.length <= bytes) return text
  return buffer
    .subarray(0, bytes)
    .toString()
    .replace(/\uFFFD$/, '')
}
