import type {
  GroupFailure,
  GroupPolicyRecord,
  GroupRecord,
  StagedJobCounts,
  StagedJobError,
  StagedJobStatus,
} from './group-records.js'
import type { OpId } from './op-id.js'
import type { CallbackSpec, OutboxEntry } from './outbox.js'
import type { PartsRecord } from './parts.js'
import type { QueueItemRef } from './queue-item.js'
import type { SignalTimes } from './signals.js'

/*
 * A group as a store keeps it, the plain data the rules in group-*.ts read and change. The
 * stores decide how to hold it (the memory store in Maps with indexes, the oracle in plain
 * arrays, Redis in the group's fixed set of keys); the rules only go through GroupDetails.
 */

/** The group's own fields. */
export interface GroupUnit {
  id: string
  name: string | null
  description: string
  createdAt: number
  /** The operation that created the group: a repeated create answers `created` again. */
  createOp: OpId
  policy: GroupPolicyRecord
  /** The details live until then (domain/expiry.ts). */
  expiresAt: number
  sealed: boolean
  /** The id of the next staged job. */
  seq: number
  /** The lowest stage that is not complete; null before the first initiate. */
  current: number | null
  stageCount: number
  counts: StagedJobCounts
  signals: SignalTimes
  startedAt: number | null
  /** The operation that completed the group. */
  finishOp: OpId | null
  stopped: boolean
  stopOp: OpId | null
  stopReason: string | null
  /** The last initiate: a repeat answers the jobs it queued that are still undispatched. */
  initOp: OpId | null
  firstFailure: GroupFailure | null
}

/** A stage: a parts record whose parts are its staged jobs. */
export interface StageUnit {
  number: number
  parts: PartsRecord
}

export interface StagedJobUnit {
  id: string
  stage: number
  name: string
  argsJson: string
  status: StagedJobStatus
  statusMessage: string | null
  queueTime: number
  delayMs: number | null
  runAt: number | null
  attempts: number
  startedAt: number | null
  finishedAt: number | null
  error: StagedJobError | null
  carrier: QueueItemRef | null
  /** The operation of the job's last enqueue, start or finish. */
  lastOp: OpId
  /** The operation of its last status message. */
  messageOp: OpId | null
  /** The operation that queued it (its enqueue into a running stage, or an initiate). */
  queueOp: OpId | null
}

/** The details of one group: how the rules reach its stages, jobs and dispatch outbox. */
export interface GroupDetails {
  readonly unit: GroupUnit
  stage(number: number): StageUnit | undefined
  addStage(stage: StageUnit): void
  /** The smallest stored stage number above `number` (null: the smallest of all). */
  stageAfter(number: number | null): number | null
  /** Every stored stage number, ascending. */
  stageNumbers(): number[]
  job(id: string): StagedJobUnit | undefined
  /** Stores a new job at the end of its stage's order. */
  addJob(job: StagedJobUnit): void
  /** The ids of a stage's jobs in enqueue order. */
  stageJobIds(stage: number): string[]
  /** The job an enqueue operation created. */
  jobOfOp(op: OpId): string | undefined
  rememberOp(op: OpId, jobId: string): void
  /** Queued jobs awaiting dispatch confirmation: id -> when queued. */
  markUndispatched(jobId: string, at: number): void
  confirmDispatched(jobId: string): void
  isUndispatched(jobId: string): boolean
  /** [id, queued at] ordered by time, then id as a number. */
  undispatched(): [string, number][]
  /** Registered callbacks by outbox field ('<scope>|<signal>'). */
  readonly callbacks: Map<string, CallbackSpec[]>
}

export interface StoredSummary {
  record: GroupRecord
  /** The operation that completed the group: its repeat is answered from here. */
  finishOp: OpId | null
}

/** Everything a store holds under one group id. */
export interface StoredGroup {
  /** Stages, jobs and the group's own fields; null once dropped. */
  details: GroupDetails | null
  /** The compact record, kept `summaryTtlMs` after the details, with who completed it. */
  summary: StoredSummary | null
  /** Fired signals' callbacks until confirmed (domain/outbox.ts). */
  readonly outbox: Map<string, OutboxEntry>
  /** Once the details are gone, how long the outbox stays; null while they live. */
  outboxExpiresAt: number | null
}

/** Where a store keeps its groups. */
export interface GroupTable {
  get(id: string): StoredGroup | undefined
  /** Stores a new group, replacing whatever the id held. */
  create(unit: GroupUnit): StoredGroup
  /** Drops the details (stages, jobs), keeping the summary and outbox. */
  dropDetails(id: string): void
  delete(id: string): boolean
  /** Removes every group; returns how many there were. */
  clear(): number
}
