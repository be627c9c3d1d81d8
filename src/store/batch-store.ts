import type { UnitRef } from './unit-ref.js'

export interface AddBatchResult {
  index: number
  /** True when this call created the job. */
  created: boolean
  /** True when `close` was asked and closing settled the job's completion. */
  lastOfClosedUnit: boolean
}

export interface ErroredItem {
  id: string
  message: string
}

/** What a tracker saw for one batch, written in one atomic step. */
export interface BatchOutcomes {
  index: number
  processed: readonly string[]
  skipped: readonly string[]
  errored: readonly ErroredItem[]
  missing: readonly string[]
  /** True when the tracker went through every pending item (not stopped). */
  complete: boolean
}

export interface ReportBatchResult {
  /** False when the batch does not exist (nothing written). */
  found: boolean
  /** Outcomes counted by this call: only ids still pending in the batch are counted. */
  processed: number
  skipped: number
  errored: number
  missing: number
  /** Items still pending in the batch after this call. */
  remaining: number
  /** True when this call settled the batch's part of the job. */
  settled: boolean
  /** True for exactly one caller: the one whose batch was the last open part of a closed job. */
  lastOfClosedUnit: boolean
}

export interface CompleteBatchResult {
  /** False when the batch does not exist (nothing written). */
  found: boolean
  /** True when this call settled the batch's part (false when it was settled before). */
  settled: boolean
  /** True for exactly one caller: the one whose batch was the last open part of a closed job. */
  lastOfClosedUnit: boolean
}

/** Item counters of a job across all its batches. */
export interface BatchCounts {
  items: number
  processed: number
  skipped: number
  errored: number
  missing: number
  batches: number
  batchesDone: number
  finished: boolean
  stopped: boolean
}

export type OutcomeKind = 'skipped' | 'errored' | 'missing'

export interface OutcomeEntry {
  batch: number
  id: string
  /** `ErrorClass: message` for errored items; null for skipped and missing ones. */
  message: string | null
}

export interface OutcomePage {
  entries: OutcomeEntry[]
  cursor: string | null
}

/**
 * Batches of items: each batch is a part of its job, with named item sets. Each operation is
 * atomic; in Redis each write is one script call. Batch operations answer null/found=false for
 * a batch that does not exist, which the facades turn into NOT_FOUND; a store that finds a
 * batch's items expired while its part is open throws batchItemsExpiredError (NOT_FOUND).
 */
export interface BatchStore {
  /** Allocates the next index, stores the items as pending and pushes the batch's part. */
  addBatch(unit: UnitRef, items: readonly string[], close: boolean): Promise<AddBatchResult>
  /** The items of one set of the batch; null when the batch does not exist. */
  batchItems(token: string, index: number, set: string): Promise<string[] | null>
  /** Moves those of `ids` that are in `from` to `to`; returns how many moved, null when no batch. */
  moveItems(
    unit: UnitRef,
    index: number,
    from: string,
    to: string,
    ids: readonly string[],
  ): Promise<number | null>
  /** Removes a set's items from the batch; returns how many went, null when no batch. */
  removeSet(unit: UnitRef, index: number, set: string): Promise<number | null>
  reportBatch(unit: UnitRef, outcomes: BatchOutcomes): Promise<ReportBatchResult>
  /** Drops the batch's items and settles its part, counting batchesDone once; no item counts. */
  completeBatch(unit: UnitRef, index: number): Promise<CompleteBatchResult>
  /** The job's item counters in one read; null when the job does not exist. */
  readCounts(token: string): Promise<BatchCounts | null>
  outcomes(
    token: string,
    kind: OutcomeKind,
    cursor: string | null,
    limit: number,
  ): Promise<OutcomePage>
}
