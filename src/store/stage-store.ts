import type { CheckedCallback } from '../domain/callback-specs.js'
import type { GroupOutboxEntry } from '../domain/group-callbacks.js'
import type {
  AdvanceResult,
  CancelGroupResult,
  CreateGroupResult,
  EnqueueStagedJobResult,
  GroupRecord,
  NewStagedJob,
  StagedJobError,
  StagedJobOutcome,
  StagedJobRecord,
  StageRecord,
} from '../domain/group-records.js'
import type { NewGroup } from '../domain/group-writes.js'
import type { OpId } from '../domain/op-id.js'
import type { QueueItemRef } from '../domain/queue-item.js'
import type { Signal } from '../domain/signals.js'
import type { ExpectedJob } from '../domain/staged-job-writes.js'

export type { GroupOutboxEntry } from '../domain/group-callbacks.js'
export {
  type AdvanceResult,
  type CancelGroupResult,
  type CreateGroupResult,
  type EnqueueStagedJobResult,
  type FiredSignal,
  type GroupFailure,
  type GroupPolicyRecord,
  type GroupRecord,
  type GroupStateName,
  type GroupSummary,
  type NewStagedJob,
  RUNNABLE_STATUSES,
  STAGED_JOB_STATUSES,
  type StagedJobCounts,
  type StagedJobError,
  type StagedJobOutcome,
  type StagedJobRecord,
  type StagedJobStatus,
  type StageRecord,
  type StageStatus,
  stageScope,
} from '../domain/group-records.js'
export type { NewGroup } from '../domain/group-writes.js'
export type { ExpectedJob } from '../domain/staged-job-writes.js'

/*
 * The state machine of staged jobs, stages and groups is documented once, in
 * domain/group-records.ts; the rules are domain/group-*.ts and domain/staged-job-writes.ts.
 */

export interface EnqueueStagedJobOptions {
  /**
   * When the stage is running, write nothing and refuse with INVALID_ARGUMENT
   * (STAGE_NEEDS_DISPATCH): for a caller that could not dispatch the job.
   */
  refuseRunning?: boolean
  /** Dispatches of this group's jobs to confirm in the same write (see confirmDispatch). */
  confirm?: readonly string[]
}

export interface InitiateStageOptions {
  /** Marks, in the same write, that withinGrouping's block has finished filling the group. */
  seal?: boolean
  /** Stages to store (pending) first when missing: stages named but never enqueued into. */
  ensure?: readonly number[]
}

/**
 * Groups of stages of staged jobs. Every write is atomic (in Redis one script call), takes
 * the operation id `op` (a repeated op gets its first answer and changes nothing) and changes
 * nothing when refused. A group is created with its policy (`NewGroup.policy`); every later
 * write reads the policy from the group. Refusals: NOT_FOUND for an unknown (or expired)
 * group, stage or job; INVALID_TRANSITION for a move the state machine forbids (enqueue into
 * a complete stage or a cancelled group, run a settled or cancelled job).
 */
export interface StageStore {
  createGroup(group: NewGroup, op: OpId): Promise<CreateGroupResult>
  /** Stores a pending stage when missing. */
  addStage(groupId: string, stage: number, op: OpId): Promise<void>
  enqueueStagedJob(
    groupId: string,
    stage: number,
    job: NewStagedJob,
    op: OpId,
    options?: EnqueueStagedJobOptions,
  ): Promise<EnqueueStagedJobResult>
  /** Initiates `stage`, or the group's current stage (the first not complete) when null. */
  initiate(
    groupId: string,
    stage: number | null,
    op: OpId,
    options?: InitiateStageOptions,
  ): Promise<AdvanceResult>
  /**
   * `expected`: what the worker's payload says; a mismatch is refused (PAYLOAD_MISMATCH).
   * `carrier`: the queue item that carried this start, kept with the job (none: null).
   */
  startStagedJob(
    groupId: string,
    jobId: string,
    op: OpId,
    expected: ExpectedJob | null,
    carrier?: QueueItemRef | null,
  ): Promise<StagedJobRecord>
  finishStagedJob(
    groupId: string,
    jobId: string,
    outcome: StagedJobOutcome,
    op: OpId,
    error: StagedJobError | null,
  ): Promise<AdvanceResult>
  setStatusMessage(groupId: string, jobId: string, message: string, op: OpId): Promise<void>
  /** Marks queued jobs as handed to the queue (see `undispatched`). */
  confirmDispatch(groupId: string, jobIds: readonly string[], op: OpId): Promise<void>
  /** Stops the running stage, skips the pending ones, fires the group's `stopped`. */
  cancelGroup(groupId: string, reason: string | null, op: OpId): Promise<CancelGroupResult>
  /** Deletes the group with its stages, jobs, summary and outbox; true when any of it lived. */
  deleteGroup(groupId: string, op: OpId): Promise<boolean>
  /**
   * Registers callbacks (checked by `validateCallbacks`) for `signal` at `scope` ('' the group,
   * `stage:<n>` a stage); a name registered there before is replaced. The write that fires
   * the signal copies them into the outbox. Refused with INVALID_TRANSITION when the signal
   * fired or can no longer fire, INVALID_ARGUMENT past 32 callbacks per signal.
   */
  registerCallbacks(
    groupId: string,
    scope: string,
    signal: Signal,
    callbacks: readonly CheckedCallback[],
    op: OpId,
  ): Promise<void>
  /** Due callbacks of fired signals not yet confirmed (fired before `before`, if given). */
  readOutbox(groupId: string, before: number | null): Promise<GroupOutboxEntry[]>
  /** Removes a due entry once its callbacks were dispatched. */
  confirmOutbox(groupId: string, scope: string, signal: Signal, op: OpId): Promise<void>
  /** The group; once only its compact summary is left, that (`compact: true`); else null. */
  readGroup(groupId: string): Promise<GroupRecord | null>
  readStages(groupId: string): Promise<StageRecord[]>
  readStageJobs(groupId: string, stage: number): Promise<StagedJobRecord[]>
  readStagedJob(groupId: string, jobId: string): Promise<StagedJobRecord | null>
  /** Jobs queued before `before` (ms) whose dispatch was never confirmed, in id order. */
  undispatched(groupId: string, before: number): Promise<StagedJobRecord[]>
}
