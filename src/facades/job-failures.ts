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
 * A page of failed parts. The embedded store pages in the order parts failed, at most `limit`
 * a page. Redis pages a compact job hash (hash-max-listpack-entries) the same way; a larger
 * one it walks with HSCAN, so a page may hold a few more than `limit` and a part that fails
 * during the walk may or may not appear. A failure present when the walk began is never
 * skipped, but may reappear on a later page if the hash grew meanwhile.
 */
export interface FailuresPage {
  /** Failed parts with their reasons; no part twice within one page. */
  failures: PartFailure[]
  /** Pass back as `cursor` for the next page; null on the last page. */
  cursor: string | null
}

const DEFAULT_LIMIT = 100
const MAX_LIMIT = 1_000
/** What stores hand out: `<n>`, or `0.<n>` (Redis, paging a compact hash). */
const CURSOR = /^(0|[1-9][0-9]{0,19}|0\.[1-9][0-9]{0,9})$/

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
