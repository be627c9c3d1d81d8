import type { StatusState } from '../domain/status-state.js'
import type { UnitRef } from './unit-ref.js'

/**
 * One write to a status, applied atomically in this order: state transition, total,
 * absolute progress, progress increment, progress = total (finish), fields.
 */
export interface StatusPatch {
  state?: StatusState
  total?: number
  /** Absolute progress, applied before `increment`. */
  progress?: number
  /** Added to progress (negative to decrement); 0 for none. */
  increment: number
  /** Sets progress to the stored total (after the total of this patch). */
  finish: boolean
  /** Field name -> JSON-encoded value; the last write of a name wins. */
  fields: Record<string, string>
}

/** A status as stored. `progress` and `total` are null until first written. */
export interface StatusRecord {
  state: StatusState
  progress: number | null
  total: number | null
  /** Field name -> JSON-encoded value. */
  fields: Record<string, string>
  queuedAt: number | null
  startedAt: number | null
  finishedAt: number | null
  createdAt: number
  updatedAt: number
  /** Incremented by every write; watchers use it to skip snapshots they have seen. */
  rev: number
}

export type WriteStatusResult =
  | { ok: true; created: boolean; rev: number; createdAt: number }
  /** Nothing was written: the fields would exceed the limit (the size they would reach). */
  | { ok: false; fieldBytes: number }

/**
 * Status operations. A write is atomic (one script in Redis), refreshes the status's TTL and
 * publishes `{ id, rev }` on the topic statusTopic(id) (domain/status-state.ts) in the same step.
 */
export interface StatusStore {
  writeStatus(unit: UnitRef, patch: StatusPatch, maxFieldBytes: number): Promise<WriteStatusResult>
  readStatus(id: string): Promise<StatusRecord | null>
  readStatuses(ids: readonly string[]): Promise<(StatusRecord | null)[]>
  /** Remaining time to live in ms, or null when the status does not exist. */
  ttlMs(id: string): Promise<number | null>
}
