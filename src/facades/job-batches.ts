import { type ItemId, validateBatchItems } from '../domain/batch-items.js'
import { InvalidArgumentError } from '../errors/jobledger-error.js'
import type { BatchCounts, OutcomeEntry, OutcomeKind } from '../store/batch-store.js'
import type { Store } from '../store/store.js'
import type { UnitRef } from '../store/unit-ref.js'
import { type AnyIterable, LookaheadReader, validateBatchSize } from './iterate.js'

export interface AddBatchResult {
  /** The batch's index in its job: 0, 1, 2, … in the order the store allocated them. */
  index: number
  /** Distinct items stored (duplicates in the input count once). */
  items: number
}

export interface AddBatchesResult {
  batches: number
  items: number
  /** True when closing finished the job (an empty collection, or every part already settled). */
  finished: boolean
}

/** A job's item counts across its batches (what the store keeps, as it keeps it). */
export type JobReport = BatchCounts

export interface OutcomesOptions {
  cursor?: string | null
  /** Entries per page, 1 to 1000; default 100. */
  limit?: number
}

export interface OutcomesPage {
  entries: OutcomeEntry[]
  /** Pass back as `cursor` for the next page; null on the last page. */
  cursor: string | null
}

const OUTCOME_KINDS: readonly OutcomeKind[] = ['skipped', 'errored', 'missing']

/** The batch operations of a job; `Job` exposes them. */
export class JobBatches {
  readonly #store: Store
  readonly #unit: UnitRef
  readonly #register: (created: boolean) => Promise<void>

  constructor(store: Store, unit: UnitRef, register: (created: boolean) => Promise<void>) {
    this.#store = store
    this.#unit = unit
    this.#register = register
  }

  async add(items: readonly ItemId[], close = false): Promise<AddBatchResult & { last: boolean }> {
    const ids = validateBatchItems(items)
    const result = await this.#store.batches.addBatch(this.#unit, ids, close)
    await this.#register(result.created)
    return { index: result.index, items: ids.length, last: result.lastOfClosedUnit }
  }

  async addEach(
    items: AnyIterable<ItemId>,
    options: { size: number },
    callback: (batch: AddBatchResult) => unknown,
    close: () => Promise<boolean>,
  ): Promise<AddBatchesResult> {
    const size = validateBatchSize(options?.size, 'size')
    if (typeof callback !== 'function')
      throw new InvalidArgumentError('callback must be a function.')
    const reader = new LookaheadReader(items, 'items')
    let batches = 0
    let count = 0
    for (;;) {
      const slice = await reader.take(size)
      if (slice.items.length === 0) return { batches, items: count, finished: await close() }
      const { last, ...added } = await this.add(slice.items, slice.last)
      batches++
      count += added.items
      await callback(added)
      if (slice.last) return { batches, items: count, finished: last }
    }
  }

  async report(): Promise<JobReport | null> {
    return this.#store.batches.readCounts(this.#unit.id)
  }

  async outcomes(kind: OutcomeKind, options: OutcomesOptions = {}): Promise<OutcomesPage> {
    if (!OUTCOME_KINDS.includes(kind)) {
      throw new InvalidArgumentError(
        `kind must be one of ${OUTCOME_KINDS.join(', ')}, got ${String(kind)}.`,
      )
    }
    const limit = options.limit ?? 100
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > 1000)
      throw new InvalidArgumentError(
        `limit must be an integer from 1 to 1000, got ${String(limit)}.`,
      )
    const cursor = options.cursor ?? null
    if (cursor !== null && !/^(0|[1-9][0-9]{0,15})$/.test(cursor))
      throw new InvalidArgumentError('cursor must be a cursor a previous outcomes() page returned.')
    return this.#store.batches.outcomes(this.#unit.id, kind, cursor, limit)
  }
}
