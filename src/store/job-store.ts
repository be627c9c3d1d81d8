import type { CompactJobSummary } from '../domain/job-compact.js'
import type { JobCreation, JobRecord, PartFailure } from '../domain/job-record.js'
import type {
  CloseJobResult,
  DonePartResult,
  PartOutcome,
  PushPartsResult,
  SetTtlResult,
  StopJobResult,
} from '../domain/job-results.js'
import type { OpId } from '../domain/op-id.js'
import type { JobCallbackStore } from './job-callback-store.js'

export type { JobRecord, PartFailure } from '../domain/job-record.js'
export type {
  CloseJobResult,
  DonePartResult,
  PartOutcome,
  PushPartsResult,
  SetTtlResult,
  StopJobResult,
} from '../domain/job-results.js'

/** A job addressed for a write: its token, and what a write that creates it stores. */
export interface JobRef {
  readonly id: string
  /** Used only when this write creates the job; an existing job keeps its own policy. */
  readonly creation: JobCreation
}

export interface OpenPartsPage {
  parts: string[]
  /** Pass back to get the next page; null when there are no more. */
  cursor: string | null
}

export interface FailedPartsPage {
  /** Failures in the order the parts failed, exactly `limit` unless the last page. */
  failures: PartFailure[]
  /** Pass back to get the next page; null when there are no more. */
  cursor: string | null
}

/**
 * Distributed-job operations (domain/job-writes.ts holds their rules). Each is atomic; in
 * Redis each write is one script call (a write that needs more of the job's keys than it was
 * given asks for them before it writes anything). Every write takes the operation id `op`: a
 * repeated operation gets its first answer and changes nothing. Reads never write; a job
 * whose deadline passed reads as absent.
 */
export interface JobStore extends JobCallbackStore {
  pushParts(
    ref: JobRef,
    parts: readonly string[],
    close: boolean,
    op: OpId,
  ): Promise<PushPartsResult>
  closeJob(ref: JobRef, op: OpId): Promise<CloseJobResult>
  donePart(ref: JobRef, part: string, outcome: PartOutcome, op: OpId): Promise<DonePartResult>
  /** Always answers: `found: false` for a job that does not exist (nothing is written). */
  stopJob(ref: JobRef, reason: string | null, op: OpId): Promise<StopJobResult>
  /** Stores a new ttl in the job's policy and sets its deadline from now; JOB_NOT_FOUND refused. */
  setTtl(ref: JobRef, ttlMs: number, op: OpId): Promise<SetTtlResult>
  isOpenPart(id: string, part: string): Promise<boolean>
  readJob(id: string): Promise<JobRecord | null>
  readJobs(ids: readonly string[]): Promise<(JobRecord | null)[]>
  /** The compact summary kept once the job settled or was stopped (it outlives the details). */
  readCompact(id: string): Promise<CompactJobSummary | null>
  openParts(id: string, cursor: string | null, limit: number): Promise<OpenPartsPage>
  /** A page of the job's failures in the order they happened, from `cursor` (null: the start). */
  failedParts(id: string, cursor: string | null, limit: number): Promise<FailedPartsPage>
  /** Time left until the job's deadline in ms, or null when it does not exist. */
  ttlMs(id: string): Promise<number | null>
}
