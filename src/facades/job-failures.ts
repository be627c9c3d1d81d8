import { optionsOf } from '../domain/options.js'
import { InvalidArgumentError } from '../errors/jobledger-error.js'
import type { PartFailure } from '../store/job-store.js'
import type { Store } from '../store/store.js'

export interface FailuresOptions {
  /** A cursor a previous page returned; null or absent for the first page. */
  cursor?: string | null
  /** Failures per page, 1 to 1000; default 100. */
  limit?: number
}

/**
 * A page of failed parts, in the order they failed (every store alike): exactly `limit`
 * failures a page (fewer on the last page only), each failure on exactly one page. A failure
 * recorded during the walk appears on a later page. Every failure is kept while the job lives.
 */
export interface FailuresPage {
  /** Failed parts with their reasons, in the order they failed. */
  failures: PartFailure[]
  /** Pass back as `cursor` for the next page; null on the last page. */
  cursor: string | null
}

const DEFAULT_LIMIT = 100
const MAX_LIMIT = 1_000
/** What stores hand out (opaque to callers): a position in the job's failures. */
const CURSOR = /^(0|[1-9][0-9]{0,15})$/

/** Checks a failures() options argument before any store call. */
export function validateFailuresOptions(
  options: FailuresOptions | null | undefined,
): Required<FailuresOptions> {
  const given = optionsOf(options, 'failures options')
  const limit = given.limit ?? DEFAULT_LIMIT
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    throw new InvalidArgumentError(
      `limit must be an integer from 1 to ${MAX_LIMIT}, got ${String(limit)}.`,
    )
  const cursor = given.cursor ?? null
  if (cursor !== null && (typeof cursor !== 'string' || !CURSOR.test(cursor)))
    throw new InvalidArgumentError('cursor must be a cursor a previous failures() page returned.')
  return { cursor, limit }
}

/** One page of a job's failed parts. */
export async function readFailures(
  store: Store,
  token: string,
  options: FailuresOptions | null | undefined,
): Promise<FailuresPage> {
  const { cursor, limit } = validateFailuresOptions(options)
  return store.jobs.failedParts(token, cursor, limit)
}

/** Every failed part, page after page of MAX_LIMIT. */
export async function* iterateFailures(store: Store, token: string): AsyncGenerator<PartFailure> {
  let cursor: string | null = null
  do {
    const page = await store.jobs.failedParts(token, cursor, MAX_LIMIT)
    yield* page.failures
    cursor = page.cursor
  } while (cursor !== null)
}
