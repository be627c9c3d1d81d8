import type { BatchView } from '../domain/batch-record.js'
import type { OutcomeEntry, OutcomeKind } from '../domain/job-data.js'
import type {
  AddBatchResult,
  BatchOutcomes,
  CompleteBatchResult,
  ReportBatchResult,
} from '../domain/job-results.js'
import type { BatchCounts } from '../domain/job-summary.js'
import type { OpId } from '../domain/op-id.js'
import type { JobRef } from './job-store.js'

export type { BatchView } from '../domain/batch-record.js'
export type { OutcomeEntry, OutcomeKind } from '../domain/job-data.js'
export type {
  AddBatchResult,
  BatchOutcomes,
  CompleteBatchResult,
  ErroredItem,
  ReportBatchResult,
} from '../domain/job-results.js'
export type { BatchCounts } from '../domain/job-summary.js'

export interface OutcomePage {
  entries: OutcomeEntry[]
  cursor: string | null
}

/**
 * Batches of items: each batch is a part of its job, with named item sets (the rules are
 * domain/batch-writes.ts). Each operation is atomic; in Redis each write is one script call.
 * A batch write is refused with BATCH_NOT_FOUND when the batch does not exist and with
 * BATCH_ITEMS_EXPIRED when its items are gone while its part is open; nothing is written.
 * Every write takes `op`: a batch remembers its last write, which repeated answers the same.
 */
export interface BatchStore {
  /** Allocates the next index, stores the items as pending and pushes the batch's part. */
  addBatch(ref: JobRef, items: readonly string[], close: boolean, op: OpId): Promise<AddBatchResult>
  /** The items of one set of the batch; null when the batch does not exist. */
  batchItems(token: string, index: number, set: string): Promise<string[] | null>
  /** Moves those of `ids` that are in `from` to `to`; returns how many moved. */
  moveItems(
    ref: JobRef,
    index: number,
    from: string,
    to: string,
    ids: readonly string[],
    op: OpId,
  ): Promise<number>
  /** Removes a set's items from the batch; returns how many went. */
  removeSet(ref: JobRef, index: number, set: string, op: OpId): Promise<number>
  reportBatch(ref: JobRef, outcomes: BatchOutcomes, op: OpId): Promise<ReportBatchResult>
  /** Drops the batch's items and settles its part, counting batchesDone once; no item counts. */
  completeBatch(ref: JobRef, index: number, op: OpId): Promise<CompleteBatchResult>
  /** The batch's own record (counts, signals); null when it does not exist. */
  readBatch(token: string, index: number): Promise<BatchView | null>
  /** The job's item counters in one read; null when the job does not exist. */
  readCounts(token: string): Promise<BatchCounts | null>
  outcomes(
    token: string,
    kind: OutcomeKind,
    cursor: string | null,
    limit: number,
  ): Promise<OutcomePage>
}
