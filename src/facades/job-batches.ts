import { type ItemId, validateBatchItems } from '../domain/batch-items.js'
import type { OpId } from '../domain/op-id.js'
import { InvalidArgumentError } from '../errors/jobledger-error.js'
import type { BatchCounts, OutcomeEntry, OutcomeKind } from '../store/batch-store.js'
import { type AnyIterable, LookaheadReader, validateBatchSize } from './iterate.js'
import { childOp, type JobWriter } from './job-writes.js'
import type { WriteOptions } from './write-runner.js'

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
  readonly #writer: JobWriter

  constructor(writer: JobWriter) {
    this.#writer = writer
  }

  async add(
    items: readonly ItemId[],
    close: boolean,
    op: OpId,
  ): Promise<AddBatchResult & { last: boolean }> {
    const ids = validateBatchItems(items)
    const { ref, core } = this.#writer
    const result = await this.#writer.run('job.addBatch', op, (id) =>
      core.store.batches.addBatch(ref, ids, close, id),
    )
    await this.#writer.register(result, op)
    return { index: result.index, items: ids.length, last: result.lastOfClosedUnit }
  }

  async addEach(
    items: AnyIterable<ItemId>,
    options: { size: number } & WriteOptions,
    callback: (batch: AddBatchResult) => unknown,
  ): Promise<AddBatchesResult> {
    const size = validateBatchSize(options?.size, 'size')
    if (typeof callback !== 'function')
      throw new InvalidArgumentError('callback must be a function.')
    const op = this.#writer.opOf(options)
    const reader = new LookaheadReader(items, 'items')
    let batches = 0
    let count = 0
    for (;;) {
      const slice = await reader.take(size)
      if (slice.items.length === 0)
        return { batches, items: count, finished: await this.#close(childOp(op, batches)) }
      const { last, ...added } = await this.add(slice.items, slice.last, childOp(op, batches))
      batches++
      count += added.items
      await callback(added)
      if (slice.last) return { batches, items: count, finished: last }
    }
  }

  async #close(op: OpId): Promise<boolean> {
    const { ref, core } = this.#writer
    const result = await this.#writer.run('job.close', op, (id) =>
      core.store.jobs.closeJob(ref, id),
    )
    await this.#writer.register(result, op)
    return result.lastOfClosedUnit
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
    return this.#writer.core.store.batches.outcomes(this.#writer.ref.id, kind, cursor, limit)
  }
}
