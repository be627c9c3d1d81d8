import type { Signal } from './signals.js'

/*
 * What the job and batch writes answer, in every store. Each answer is the store's atomic
 * step's own: "last" is decided inside the write, never computed afterwards.
 */

/** A signal of the job (scope '') or of one of its batches (scope `batch:<index>`). */
export interface FiredSignal {
  scope: string
  signal: Signal
}

/** What a write set in motion besides its answer. */
export interface WriteEffects {
  /** Signals this write fired, in recording order (a batch's before its job's). */
  fired: FiredSignal[]
  /** Of those, the ones whose registered callbacks this write made due in the outbox. */
  due: FiredSignal[]
}

/** The answer of a write that may create the job. */
export interface CreatingResult {
  /** True when this operation created the job (also when it is repeated). */
  created: boolean
  /** The job's creation time. */
  createdAt: number
}

export interface PushPartsResult extends CreatingResult, WriteEffects {
  /** Parts that were new to the job (re-pushed parts count once). */
  added: number
  /** True when `close` was asked and this operation finished the job. */
  lastOfClosedUnit: boolean
}

export interface CloseJobResult extends CreatingResult, WriteEffects {
  /** True when this call sealed the job (false if it was already closed). */
  closed: boolean
  /** True when every part was already settled, so this operation finished the job. */
  lastOfClosedUnit: boolean
}

export type PartOutcome = { kind: 'succeeded' } | { kind: 'failed'; reason: string }

export interface DonePartResult extends WriteEffects {
  /** True when the part was open and this call settled it. */
  removed: boolean
  /** True for exactly one operation: the one that settled the last open part of a closed job. */
  lastOfClosedUnit: boolean
}

export interface StopJobResult extends WriteEffects {
  /** False when the job does not exist or has expired (nothing was written). */
  found: boolean
  /** True when this operation raised the stop flag (false: it was already raised). */
  stopped: boolean
}

export interface SetTtlResult {
  /** The job's new deadline (ms since the epoch). */
  expiresAt: number
}

export interface AddBatchResult extends CreatingResult, WriteEffects {
  index: number
  /** True when `close` was asked and closing finished the job. */
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

export interface ReportBatchResult extends WriteEffects {
  /** Outcomes counted by this call: only ids still pending in the batch are counted. */
  processed: number
  skipped: number
  errored: number
  missing: number
  /** Items still pending in the batch after this call. */
  remaining: number
  /** True when this call settled the batch's part of the job. */
  settled: boolean
  /** True for exactly one operation: the one whose batch was the last open part of a closed job. */
  lastOfClosedUnit: boolean
}

export interface CompleteBatchResult extends WriteEffects {
  /** True when this call settled the batch's part (false when it was settled before). */
  settled: boolean
  lastOfClosedUnit: boolean
}

export interface RegisterCallbackResult extends CreatingResult {
  /** Callbacks now registered for this (scope, signal). */
  registered: number
}

export function noEffects(): WriteEffects {
  return { fired: [], due: [] }
}
