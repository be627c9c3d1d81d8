import type { BatchRecord } from './batch-record.js'
import type { JobRecord, PartFailure } from './job-record.js'
import type { OpId } from './op-id.js'
import type { CallbackSpec } from './outbox.js'

/*
 * A job as a store holds it: its record, plus the collections each store keeps its own way
 * (the memory store in Maps, the differential oracle in plain arrays; Redis in a bitmap,
 * hashes and lists). The write rules (job-writes.ts, batch-writes.ts) work on this shape
 * only, so every store that offers it follows the same rules.
 */

export type PartSlot = 'open' | 'settled'

/** The job's parts: whether each was pushed and is still open. */
export interface PartCollection {
  slot(part: string): PartSlot | undefined
  /** Adds a part never pushed before, open. */
  add(part: string): void
  /** Marks an open part settled. */
  settle(part: string): void
  /** Every part ever pushed, in push order (a stable order for paging). */
  pushed(): readonly string[]
}

/** The items of one batch: item id -> the name of the set it is in. */
export interface ItemCollection {
  setOf(id: string): string | undefined
  move(id: string, set: string): void
  delete(id: string): void
  /** Ids in `set`, in no particular order. */
  idsIn(set: string): string[]
  clear(): void
}

export interface BatchData {
  record: BatchRecord
  items: ItemCollection
}

export type OutcomeKind = 'skipped' | 'errored' | 'missing'

export interface OutcomeEntry {
  batch: number
  id: string
  /** `ErrorClass: message` for errored items; null for skipped and missing ones. */
  message: string | null
}

export interface JobData {
  record: JobRecord
  parts: PartCollection
  /** Failed parts in the order they failed. */
  failures: PartFailure[]
  /** By index; a batch's index is its position. */
  batches: BatchData[]
  /** The operation that added each batch, to its index. */
  batchByOp: Map<OpId, number>
  /** Kept outcomes of the job's batches, in the order they were reported. */
  outcomes: Record<OutcomeKind, OutcomeEntry[]>
  /** Registered callbacks by outbox field (`<scope>|<signal>`). */
  callbacks: Map<string, CallbackSpec[]>
}

/** How a store makes the collections of a new job or batch. */
export interface JobDataFactory {
  parts(): PartCollection
  items(ids: readonly string[], set: string): ItemCollection
}

export function newJobData(record: JobRecord, factory: JobDataFactory): JobData {
  return {
    record,
    parts: factory.parts(),
    failures: [],
    batches: [],
    batchByOp: new Map(),
    outcomes: { skipped: [], errored: [], missing: [] },
    callbacks: new Map(),
  }
}

/** The indices of the job's batches whose part is still open. */
export function openBatchIndices(data: JobData): number[] {
  return data.batches.filter((batch) => !batch.record.settled).map((batch) => batch.record.index)
}
