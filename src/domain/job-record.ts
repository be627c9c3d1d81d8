import { initialExpiry, isExpired } from './expiry.js'
import type { OpId } from './op-id.js'
import { newPartsRecord, type PartsRecord } from './parts.js'
import type { JobPolicy } from './policy.js'

/*
 * The record of a distributed job, one shape for every store. A job is a unit with parts
 * (domain/parts.ts); its batches are parts too (`batch-<index>`), each with items. The job
 * owns its policy (ttl, summary ttl), stored when the job is created and read by every later
 * write; a handle's options never change it (`job.setTtl()` does).
 */

/** What a creating write stores besides the counters: the job's policy and its names. */
export interface JobCreation {
  policy: JobPolicy
  /** A short name for lists and summaries (at most 256 characters). */
  name: string | null
  /** What the job does (at most 1,024 characters). */
  description: string | null
}

/** Item counters of a job across all its batches. */
export interface BatchTotals {
  items: number
  processed: number
  skipped: number
  errored: number
  missing: number
  /** Batches added (the next batch gets this index). */
  batches: number
  /** Batches whose part is settled. */
  batchesDone: number
}

export interface PartFailure {
  part: string
  reason: string
}

export interface JobRecord {
  parts: PartsRecord
  policy: JobPolicy
  name: string | null
  description: string | null
  createdAt: number
  /** The operation that created the job: its repeat is told `created` again. */
  createOp: OpId
  /** The job is absent for every read and write once the store's clock reaches this. */
  expiresAt: number
  /** The reason the first stop gave (null: none given, or not stopped). */
  stopReason: string | null
  /** The operation that raised the stop flag. */
  stopOp: OpId | null
  /** The first part that failed, with its reason. */
  firstFailure: PartFailure | null
  batches: BatchTotals
}

export function emptyTotals(): BatchTotals {
  return { items: 0, processed: 0, skipped: 0, errored: 0, missing: 0, batches: 0, batchesDone: 0 }
}

/** A job created at `now` by `op`. */
export function newJobRecord(creation: JobCreation, now: number, op: OpId): JobRecord {
  return {
    parts: newPartsRecord(),
    policy: { ...creation.policy },
    name: creation.name,
    description: creation.description,
    createdAt: now,
    createOp: op,
    expiresAt: initialExpiry(now, creation.policy.ttlMs),
    stopReason: null,
    stopOp: null,
    firstFailure: null,
    batches: emptyTotals(),
  }
}

/** The job as a write finds it: null when it never existed or its deadline passed. */
export function liveJob(record: JobRecord | null | undefined, now: number): JobRecord | null {
  if (!record || isExpired(record.expiresAt, now)) return null
  return record
}

/** True once every part settled with the job closed (the `settled` signal fired). */
export function isJobFinished(record: JobRecord): boolean {
  return record.parts.signals.settled !== null
}

export function copyJobRecord(record: JobRecord): JobRecord {
  return structuredClone(record)
}
