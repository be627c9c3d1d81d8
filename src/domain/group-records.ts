import type { QueueItemRef } from './queue-item.js'
import type { Signal, SignalTimes } from './signals.js'

/*
 * Staged-job state machine (one block; every store follows it):
 *
 *   pending ──stage initiated──▶ queued ──run()──▶ running ──fn resolves──▶ successful
 *      │                           ▲  │              │  └────fn throws──────▶ failed
 *      │                           │  │              └──throws, willRetry──▶ pending_re_run
 *      │                           │  │                                          │
 *      │                           └──┼──── run() again (the queue's retry) ◀────┤
 *      │                              ▼                                          ▼
 *      └─ (its stage skipped)     cancelled ◀──────── group.cancel() ────────────┘
 *
 * A stage is a unit whose parts are its staged jobs: pending (open) ──initiate──▶ running
 * (closed) ──last job successful or failed──▶ complete. A group runs its stages in number
 * order and completes when its last stage does. Cancelling a group stops its running stage
 * (its queued and pending_re_run jobs become cancelled; running jobs may still finish) and
 * skips its pending stages, which are never initiated.
 */
export type StagedJobStatus =
  | 'pending'
  | 'queued'
  | 'running'
  | 'pending_re_run'
  | 'failed'
  | 'successful'
  | 'cancelled'

export const STAGED_JOB_STATUSES: readonly StagedJobStatus[] = [
  'pending',
  'queued',
  'running',
  'pending_re_run',
  'failed',
  'successful',
  'cancelled',
]

/** What `run()` may start: a job queued, running (a duplicate delivery) or waiting to re-run. */
export const RUNNABLE_STATUSES: readonly StagedJobStatus[] = ['queued', 'running', 'pending_re_run']

export type StagedJobOutcome = 'successful' | 'failed' | 'pending_re_run'

/** pending → running → complete; in a cancelled group: stopped (was running) or skipped. */
export type StageStatus = 'pending' | 'running' | 'complete' | 'stopped' | 'skipped'

/** pending (never initiated) → running → succeeded | failed; stopped once cancelled. */
export type GroupStateName = 'pending' | 'running' | 'succeeded' | 'failed' | 'stopped'

export type StagedJobCounts = Record<StagedJobStatus, number>

export function zeroCounts(): StagedJobCounts {
  return {
    pending: 0,
    queued: 0,
    running: 0,
    pending_re_run: 0,
    failed: 0,
    successful: 0,
    cancelled: 0,
  }
}

/** What a failed (or pending_re_run) staged job recorded about its error; bounded in size. */
export interface StagedJobError {
  /** The error's class (`name`), e.g. 'TypeError'. */
  class: string
  message: string
  /** The first lines of the stack, or null. */
  stack: string | null
}

/** The first staged job of a group that failed for good. */
export interface GroupFailure {
  jobId: string
  stage: number
  name: string
  at: number
  error: StagedJobError | null
}

/** The policy a group was created with (domain/policy.ts), in ms. */
export interface GroupPolicyRecord {
  ttlMs: number
  keepCompletedMs: number
  summaryTtlMs: number
}

/**
 * The compact record of a group: bounded whatever its number of stages and jobs; what
 * `onComplete` receives and what outlives the details by `summaryTtlMs`.
 */
export interface GroupSummary {
  kind: 'group'
  id: string
  name: string | null
  description: string
  state: GroupStateName
  createdAt: number
  /** When its first staged job started. */
  startedAt: number | null
  /** When its last stage completed (its `settled` signal); null until then. */
  completedAt: number | null
  /** When each of the group's signals fired (scope ''). */
  signals: SignalTimes
  counts: StagedJobCounts
  /** Stages stored. */
  stageCount: number
  stopReason: string | null
  firstFailure: GroupFailure | null
  /** From creation to settled or stopped; null while neither. */
  durationMs: number | null
}

/** A group as read: the summary plus what only live details hold. */
export interface GroupRecord extends GroupSummary {
  policy: GroupPolicyRecord
  /** The details' deadline (a compact record: the summary's). */
  expiresAt: number
  /** Sealed by the initiate at the end of withinGrouping's block. */
  sealed: boolean
  /** The stage the group is at (the lowest not complete); null before its first initiate. */
  current: number | null
  /** True when only the compact summary is left (the details expired or were dropped). */
  compact: boolean
}

export interface StageRecord {
  number: number
  status: StageStatus
  numJobs: number
  /** Jobs neither successful nor failed. */
  open: number
  successful: number
  failed: number
  stopped: boolean
  /** When its first job settled. */
  startedAt: number | null
  signals: SignalTimes
}

export interface StagedJobRecord {
  id: string
  groupId: string
  stage: number
  name: string
  /** The job's arguments as JSON text (an array). */
  argsJson: string
  status: StagedJobStatus
  statusMessage: string | null
  /** When the job was enqueued, in ms. */
  queueTime: number
  /** enqueueIn: the delay to apply when dispatched. */
  delayMs: number | null
  /** enqueueAt: the time to run at, in ms. */
  runAt: number | null
  /** Times run() started it. */
  attempts: number
  /** When its latest attempt started. */
  startedAt: number | null
  /** When its latest attempt ended (successful, failed or pending_re_run). */
  finishedAt: number | null
  /** The error of its latest failed or pending_re_run attempt. */
  error: StagedJobError | null
  /** The tracked-queue item that carried its latest start (run's `carrier`); null if none was named. */
  carrier: QueueItemRef | null
}

export interface NewStagedJob {
  name: string
  argsJson: string
  delayMs: number | null
  runAt: number | null
}

/** A signal that fired at `scope` ('' the group, `stage:<n>` a stage). */
export interface FiredSignal {
  scope: string
  signal: Signal
  /** True when callbacks registered for it became due in the outbox. */
  due: boolean
}

/** What a write that may move the group forward hands to its one caller. */
export interface AdvanceResult {
  /** Jobs this call queued: only this caller dispatches them. */
  dispatch: StagedJobRecord[]
  /** Set for the one call that completed the group's last stage. */
  completed: GroupSummary | null
  /** Signals this write fired, in the order it fired them. */
  fired: FiredSignal[]
}

export interface EnqueueStagedJobResult {
  job: StagedJobRecord
  /** True when the stage is running: the job is queued and must be dispatched now. */
  dispatch: boolean
}

export interface CreateGroupResult {
  /** True for the call that created the group (and a repeat of it). */
  created: boolean
  group: GroupRecord
}

export interface CancelGroupResult {
  /** True for the call that stopped the group (and a repeat of it). */
  stopped: boolean
  /** Queued and pending_re_run jobs the cancel marked cancelled. */
  cancelledJobs: number
  fired: FiredSignal[]
}

export function stageScope(stage: number): string {
  return `stage:${stage}`
}
