import { type BatchView, batchItemsLost, batchViewOf } from '../../domain/batch-record.js'
import {
  addBatch,
  type BatchWriteKind,
  batchOf,
  completeBatch,
  moveItems,
  refuseLostItems,
  removeSet,
  repeatedAnswer,
  reportBatch,
} from '../../domain/batch-writes.js'
import type { BatchData, OutcomeKind } from '../../domain/job-data.js'
import type {
  AddBatchResult,
  BatchOutcomes,
  CompleteBatchResult,
  ReportBatchResult,
} from '../../domain/job-results.js'
import { batchCounts } from '../../domain/job-summary.js'
import type { JobWrite } from '../../domain/job-writes.js'
import type { OpId } from '../../domain/op-id.js'
import { refusalCode, refusalError } from '../../domain/refusals.js'
import type { BatchCounts, BatchStore, OutcomePage } from '../../store/batch-store.js'
import type { JobRef } from '../../store/job-store.js'
import type { JobTable } from './memory-job-table.js'

/**
 * Batches in process memory, inside the job they belong to (they live, expire and are purged
 * with it; their items carry the job's deadline, moved with it). The domain rules over Maps.
 */
export class MemoryBatchStore implements BatchStore {
  readonly #table: JobTable

  constructor(table: JobTable) {
    this.#table = table
  }

  async addBatch(
    ref: JobRef,
    items: readonly string[],
    close: boolean,
    op: OpId,
  ): Promise<AddBatchResult> {
    const write = this.#table.creating(ref, op)
    const { index, last, changed } = addBatch(write, items, close)
    const due = this.#table.commit(write, changed)
    return {
      index,
      lastOfClosedUnit: last,
      created: write.created,
      createdAt: write.data.record.createdAt,
      fired: write.fired,
      due,
    }
  }

  async batchItems(token: string, index: number, set: string): Promise<string[] | null> {
    const batch = this.#table.live(token)?.batches[index]
    if (!batch) return null
    if (batchItemsLost(batch.record, true, this.#table.now()))
      throw refusalError(refusalCode('BATCH_ITEMS_EXPIRED'), { id: token, index })
    return batch.items.idsIn(set)
  }

  async moveItems(
    ref: JobRef,
    index: number,
    from: string,
    to: string,
    ids: readonly string[],
    op: OpId,
  ): Promise<number> {
    const [moved = 0] = this.#batchWrite(ref, index, op, 'move', (write, batch) =>
      moveItems(write, batch, from, to, ids),
    ).answer
    return moved
  }

  async removeSet(ref: JobRef, index: number, set: string, op: OpId): Promise<number> {
    const [removed = 0] = this.#batchWrite(ref, index, op, 'remove', (write, batch) =>
      removeSet(write, batch, set),
    ).answer
    return removed
  }

  async reportBatch(ref: JobRef, outcomes: BatchOutcomes, op: OpId): Promise<ReportBatchResult> {
    const { answer, last, fired, due } = this.#batchWrite(
      ref,
      outcomes.index,
      op,
      'report',
      (write, batch) => reportBatch(write, batch, outcomes),
    )
    const [processed = 0, skipped = 0, errored = 0, missing = 0, remaining = 0, settled] = answer
    const counts = { processed, skipped, errored, missing, remaining }
    return { ...counts, settled: settled === 1, lastOfClosedUnit: last, fired, due }
  }

  async completeBatch(ref: JobRef, index: number, op: OpId): Promise<CompleteBatchResult> {
    const { answer, last, fired, due } = this.#batchWrite(ref, index, op, 'complete', completeBatch)
    return { settled: answer[0] === 1, lastOfClosedUnit: last, fired, due }
  }

  async readBatch(token: string, index: number): Promise<BatchView | null> {
    const batch = this.#table.live(token)?.batches[index]
    return batch ? batchViewOf(batch.record) : null
  }

  async readCounts(token: string): Promise<BatchCounts | null> {
    const data = this.#table.live(token)
    return data ? batchCounts(data.record) : null
  }

  async outcomes(
    token: string,
    kind: OutcomeKind,
    cursor: string | null,
    limit: number,
  ): Promise<OutcomePage> {
    const list = this.#table.live(token)?.outcomes[kind] ?? []
    const start = cursor === null ? 0 : Number(cursor)
    const entries = list.slice(start, start + limit).map((entry) => ({ ...entry }))
    const next = start + entries.length
    return { entries, cursor: next < list.length ? String(next) : null }
  }

  /** Runs one batch write: refusals first, a repeat answered from the batch's record. */
  #batchWrite(
    ref: JobRef,
    index: number,
    op: OpId,
    kind: BatchWriteKind,
    apply: (write: JobWrite, batch: BatchData) => number[],
  ) {
    const write = this.#table.existing(ref.id, op)
    const batch = batchOf(write, ref.id, index)
    const job = write as JobWrite
    const repeated = repeatedAnswer(job, batch, kind)
    if (repeated) return { answer: repeated, last: lastOf(job), fired: [], due: [] }
    refuseLostItems(job, batch)
    const answer = apply(job, batch)
    const due = this.#table.commit(job, true)
    return { answer, last: lastOf(job), fired: job.fired, due }
  }
}

function lastOf(write: JobWrite): boolean {
  return write.data.record.parts.finishOp === write.op
}
