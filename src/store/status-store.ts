import type { StatusPolicy } from '../domain/policy.js'
import type { StatusPatch, StatusRecord } from '../domain/status-record.js'
import type { WriteStatusAnswer } from '../domain/status-writes.js'
import type { UnitRef } from '../domain/unit-ref.js'

export type { StatusPatch, StatusRecord } from '../domain/status-record.js'
export type WriteStatusResult = WriteStatusAnswer

/** A status addressed for a write, with the policy it gets if this write creates it. */
export interface StatusRef {
  readonly id: string
  readonly creation: StatusPolicy
  /** The unit the status reports on, kept if this write creates it (none: null). */
  readonly subject?: UnitRef | null
}

/**
 * Status operations (domain/status-writes.ts is the rule). A write is atomic (one script in
 * Redis), carries an operation id (a repeated op answers again and changes nothing), moves the
 * deadline only when less than the status's own ttl is left, and publishes `{ id, rev }` on
 * statusTopic(id) in the same step. A refused write changes nothing.
 */
export interface StatusStore {
  writeStatus(
    unit: StatusRef,
    patch: StatusPatch,
    maxFieldBytes: number,
    op: string,
  ): Promise<WriteStatusResult>
  /** Sets an existing status's ttl, its deadline to now + ttl + ttl/2; false when it is absent. */
  setTtl(id: string, ttlMs: number, op: string): Promise<boolean>
  readStatus(id: string): Promise<StatusRecord | null>
  readStatuses(ids: readonly string[]): Promise<(StatusRecord | null)[]>
  /** Time left until the deadline in ms, or null when the status does not exist. */
  ttlMs(id: string): Promise<number | null>
}
