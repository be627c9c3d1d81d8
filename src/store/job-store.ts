import type { UnitRef } from './unit-ref.js'

/** The stored counters and flags of a distributed job. */
export interface JobRecord {
  total: number
  open: number
  succeeded: number
  failed: number
  closed: boolean
  finished: boolean
  stopped: boolean
  stopReason: string | null
  createdAt: number
  finishedAt: number | null
}

export interface PushPartsResult {
  /** Parts that were new to the job (re-pushed parts count once). */
  added: number
  /** True when this call created the job. */
  created: boolean
  /** The job's creation time when this call created it, else null. */
  createdAt: number | null
  /** True when `close` was asked and this call settled the job's completion. */
  lastOfClosedUnit: boolean
}

export interface CloseJobResult {
  /** True when this call sealed the job (false if it was already closed). */
  closed: boolean
  created: boolean
  createdAt: number | null
  /** True when every part was already settled, so this close finished the job. */
  lastOfClosedUnit: boolean
}

export type PartOutcome = { kind: 'succeeded' } | { kind: 'failed'; reason: string }

export interface DonePartResult {
  /** True when the part was open and this call settled it. */
  removed: boolean
  /** True for exactly one caller: the one that settled the last open part of a closed job. */
  lastOfClosedUnit: boolean
}

export interface OpenPartsPage {
  parts: string[]
  /** Pass back to get the next page; null when there are no more. */
  cursor: string | null
}

export interface PartFailure {
  part: string
  reason: string
}

export interface FailedPartsPage {
  /** No part twice within one page. */
  failures: PartFailure[]
  /** Pass back to get the next page; null when there are no more. */
  cursor: string | null
}

/**
 * Distributed-job operations. Each is atomic; in Redis each is one round trip.
 * Writes refresh the TTL of every key of the job; reads never write.
 */
export interface JobStore {
  pushParts(unit: UnitRef, parts: readonly string[], close: boolean): Promise<PushPartsResult>
  closeJob(unit: UnitRef): Promise<CloseJobResult>
  donePart(unit: UnitRef, part: string, outcome: PartOutcome): Promise<DonePartResult>
  stopJob(unit: UnitRef, reason: string | null): Promise<{ found: boolean }>
  isOpenPart(id: string, part: string): Promise<boolean>
  readJob(id: string): Promise<JobRecord | null>
  readJobs(ids: readonly string[]): Promise<(JobRecord | null)[]>
  openParts(id: string, cursor: string | null, limit: number): Promise<OpenPartsPage>
  /**
   * A page of the job's failed parts, from `cursor` (null: the start; else a cursor an earlier
   * page returned), `limit` of them (Redis: a few more when walking a large hash with HSCAN).
   * A failure present when the walk began appears at least once; never twice in one page.
   */
  failedParts(id: string, cursor: string | null, limit: number): Promise<FailedPartsPage>
  /** Remaining time to live of the job's keys in ms (the smallest), or null when it does not exist. */
  ttlMs(id: string): Promise<number | null>
}
