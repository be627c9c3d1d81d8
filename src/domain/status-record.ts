import type { StatusState } from './status-state.js'
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

/** What a status shows. `progress` and `total` are null until first written. */
export interface StatusValues {
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
  /** The unit the status reports on, named by the write that created it; null if none. */
  subject: UnitRef | null
}

/** A status as read: its values and its policy and deadline. */
export interface StatusRecord extends StatusValues {
  /** The status's own ttl (its policy), set when it was created or by setTtl. */
  ttlMs: number
  /** The deadline: the status is gone for every read and write once the store's clock reaches it. */
  expiresAt: number
}

/**
 * The stored unit: the record plus what makes writes idempotent. `ops` holds the last
 * RECENT_OPS operations applied (oldest first), so a repeated write changes nothing.
 */
export interface StatusUnit extends StatusRecord {
  createOp: string
  ops: string[]
  /** Bytes the custom fields take (names plus JSON values). */
  fieldBytes: number
}

/** How many recent operation ids a status remembers. */
export const RECENT_OPS = 64

export function toStatusRecord(unit: StatusUnit): StatusRecord {
  const { createOp: _c, ops: _o, fieldBytes: _f, ...record } = unit
  return {
    ...record,
    fields: { ...record.fields },
    subject: record.subject ? { ...record.subject } : null,
  }
}
