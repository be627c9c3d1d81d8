import { validateMs } from '../domain/queue-input.js'
import type { QueueCounts, QueueState } from '../domain/queue-item.js'
import { InvalidArgumentError, isJobledgerError } from '../errors/jobledger-error.js'
import type { QueueItem } from './queue-item.js'
import type { QueueListOptions } from './queue-options.js'

/** Items one bulk call changes at most; run it again for more. */
export const MAX_BULK_ITEMS = 10_000
/** Items one clean() call looks at, old enough or not, before it stops (`complete: false`). */
export const MAX_CLEAN_SCAN = 10_000
/** Items read and changed together, one page at a time. */
const PAGE = 100
const SCAN_PAGE = 1000

export interface RetryFailedOptions {
  /** Retry at most this many failed items, 1 to 10,000; default 1,000. */
  limit?: number
}

export interface RetryFailedResult {
  /** Failed items moved back to waiting by this call. */
  retried: number
  /** Items still failed afterwards (those past the limit, or that failed again meanwhile). */
  failed: number
}

export interface CleanOptions {
  /** Which settled items: 'finished' or 'failed'. */
  state: 'finished' | 'failed'
  /** Only items that settled at least this long ago, in ms (0: all of them). */
  olderThanMs: number
  /** Delete at most this many, 1 to 10,000; default 1,000. */
  limit?: number
  /** Count what would be deleted and delete nothing. */
  dryRun?: boolean
}

export interface CleanResult {
  state: 'finished' | 'failed'
  /** Items that settled at or before this time (ms since the epoch) were eligible. */
  cutoff: number
  /** Eligible items found (at most `limit`). */
  matched: number
  /** Items deleted: `matched` less any another caller removed first; 0 on a dry run. */
  deleted: number
  /** Items of the state looked at. */
  scanned: number
  /** True when every item of the state was looked at (else: call again for the rest). */
  complete: boolean
}

/** What the bulk actions need of a queue: its public reads and one-item writes. */
export interface BulkQueue {
  readonly name: string
  list(
    state: QueueState,
    options?: QueueListOptions,
  ): Promise<{ items: QueueItem[]; cursor: string | null }>
  retry(id: string): Promise<QueueItem>
  delete(id: string): Promise<void>
  counts(): Promise<QueueCounts>
}

/**
 * Actions over many items of one queue, bounded and a page at a time: each item moves by the
 * queue's own one-item write, so every rule (and event) of retry and delete holds for each.
 * Items another caller changes meanwhile are skipped, not counted.
 *
 * @example
 * const { retried } = await ledger.queue('imports').bulk.retryFailed({ limit: 500 })
 * const preview = await ledger.queue('imports').bulk.clean({ state: 'finished', olderThanMs: 3_600_000, dryRun: true })
 */
export class QueueBulk {
  readonly #queue: BulkQueue
  readonly #now: () => number

  constructor(queue: BulkQueue, now: () => number) {
    this.#queue = queue
    this.#now = now
  }

  /**
   * Moves up to `limit` failed items, oldest first (the order list('failed') gives), to the
   * end of the waiting line in that order, attempts reset.
   */
  async retryFailed(options: RetryFailedOptions = {}): Promise<RetryFailedResult> {
    const limit = bulkLimit(options?.limit)
    let retried = 0
    while (retried < limit) {
      const page = await this.#queue.list('failed', { limit: Math.min(PAGE, limit - retried) })
      if (page.items.length === 0) break
      const moved = await oneByOne(page.items, (item) => this.#queue.retry(item.id))
      retried += moved
      if (moved === 0) break
    }
    return { retried, failed: (await this.#queue.counts()).failed }
  }

  /** Deletes up to `limit` items of `state` that settled at least `olderThanMs` ago. */
  async clean(options: CleanOptions): Promise<CleanResult> {
    const { state, olderThanMs, limit, dryRun } = validateClean(options)
    const cutoff = this.#now() - olderThanMs
    const found = await this.#findSettledBefore(state, cutoff, limit)
    let deleted = 0
    if (!dryRun) {
      for (let start = 0; start < found.items.length; start += PAGE) {
        const chunk = found.items.slice(start, start + PAGE)
        deleted += await settleEach(chunk, (item) => this.#queue.delete(item.id))
      }
    }
    const { scanned, complete } = found
    return { state, cutoff, matched: found.items.length, deleted, scanned, complete }
  }

  async #findSettledBefore(state: QueueState, cutoff: number, limit: number) {
    const items: QueueItem[] = []
    let scanned = 0
    let cursor: string | null = null
    do {
      const size = Math.min(SCAN_PAGE, MAX_CLEAN_SCAN - scanned)
      const page: { items: QueueItem[]; cursor: string | null } = await this.#queue.list(state, {
        cursor,
        limit: size,
      })
      scanned += page.items.length
      for (const item of page.items) {
        if (items.length < limit && (item.finishedAt ?? item.createdAt) <= cutoff) items.push(item)
      }
      cursor = page.cursor
    } while (cursor !== null && items.length < limit && scanned < MAX_CLEAN_SCAN)
    return { items, scanned, complete: cursor === null }
  }
}

/** Runs `write` on each item in order; counts the ones it changed, skipping lost races. */
async function oneByOne(items: QueueItem[], write: (item: QueueItem) => Promise<unknown>) {
  let changed = 0
  for (const item of items) {
    try {
      await write(item)
      changed++
    } catch (error) {
      if (!isLostRace(error)) throw error
    }
  }
  return changed
}

/** Runs `write` on each item at once; counts the ones it changed, skipping lost races. */
async function settleEach(items: QueueItem[], write: (item: QueueItem) => Promise<unknown>) {
  const results = await Promise.allSettled(items.map(write))
  let changed = 0
  for (const result of results) {
    if (result.status === 'fulfilled') changed++
    else if (!isLostRace(result.reason)) throw result.reason
  }
  return changed
}

function isLostRace(error: unknown): boolean {
  return (
    isJobledgerError(error) && (error.code === 'NOT_FOUND' || error.code === 'INVALID_TRANSITION')
  )
}

function bulkLimit(limit: unknown): number {
  return validateMs(limit, 'limit', 1000, 1, MAX_BULK_ITEMS)
}

function validateClean(options: CleanOptions): Required<CleanOptions> {
  if (typeof options !== 'object' || options === null)
    throw new InvalidArgumentError("clean() takes { state: 'finished' | 'failed', olderThanMs }.")
  const { state, dryRun } = options
  if (state !== 'finished' && state !== 'failed') {
    throw new InvalidArgumentError(
      `state must be 'finished' or 'failed' (only settled items are cleaned), got ${JSON.stringify(state)}.`,
    )
  }
  if (dryRun !== undefined && typeof dryRun !== 'boolean')
    throw new InvalidArgumentError('dryRun must be a boolean.')
  if (options.olderThanMs === undefined)
    throw new InvalidArgumentError(
      'olderThanMs is required: how long ago items must have settled, in ms.',
    )
  return {
    state,
    olderThanMs: validateMs(options.olderThanMs, 'olderThanMs', 0, 0),
    limit: bulkLimit(options.limit),
    dryRun: dryRun ?? false,
  }
}
