/*
 * Staged-job state machine (one block; every store follows it):
 *
 *   pending ──stage initiated──▶ queued ──run()──▶ running ──fn resolves──▶ successful
 *                                   ▲                 │  └────fn throws──────▶ failed
 *                                   │                 └──throws, willRetry──▶ pending_re_run
 *                                   └──── run() again (the queue's retry) ◀──────┘
 *
 * A stage is a unit whose parts are its staged jobs: pending (open) ──initiate──▶ running
 * (closed) ──last job successful or failed──▶ complete. A group is complete when every stage is.
 */
export type StagedJobStatus =
  | 'pending'
  | 'queued'
  | 'running'
  | 'pending_re_run'
  | 'failed'
  | 'successful'

export const STAGED_JOB_STATUSES: readonly StagedJobStatus[] = [
  'pending',
  'queued',
  'running',
  'pending_re_run',
  'failed',
  'successful',
]

export type StageStatus = 'pending' | 'running' | 'complete'

/** A group addressed for a write. */
export interface GroupRef {
  readonly id: string
  /** Every write refreshes every key of the group to live this long. */
  readonly ttlMs: number
  /** How long a completed group is kept; 0 deletes it in the write that completes it. */
  readonly keepCompletedMs: number
}

export type StagedJobCounts = Record<StagedJobStatus, number>

export interface GroupRecord {
  id: string
  description: string
  createdAt: number
  completedAt: number | null
  counts: StagedJobCounts
}

export interface StageRecord {
  number: number
  status: StageStatus
  numJobs: number
  /** Jobs neither successful nor failed. */
  open: number
  successful: number
  failed: number
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
}

export interface NewStagedJob {
  name: string
  argsJson: string
  delayMs: number | null
  runAt: number | null
}

export interface EnqueueStagedJobResult {
  job: StagedJobRecord
  /** True when the stage is running: the job is queued and must be dispatched now. */
  dispatch: boolean
}

/** What a write that may move the group forward hands to its one caller. */
export interface AdvanceResult {
  /** Jobs this call queued: only this caller dispatches them. */
  dispatch: StagedJobRecord[]
  /** Set for the one call that completed the group's last stage. */
  completed: GroupRecord | null
}

export type StagedJobOutcome = 'successful' | 'failed' | 'pending_re_run'

/**
 * Groups of stages of staged jobs. Each write is atomic; in Redis one round trip. Errors:
 * NOT_FOUND for an unknown group, stage or job; INVALID_TRANSITION for a move the state
 * machine above forbids (enqueue into a complete stage, run a settled job).
 */
export interface StageStore {
  createGroup(group: GroupRef, description: string): Promise<GroupRecord>
  addStage(group: GroupRef, stage: number): Promise<void>
  /**
   * `refuseRunning`: when the stage is running, write nothing and throw INVALID_ARGUMENT
   * (stageNeedsDispatch), for a caller that could not dispatch the job.
   */
  enqueueStagedJob(
    group: GroupRef,
    stage: number,
    job: NewStagedJob,
    options?: { refuseRunning?: boolean },
  ): Promise<EnqueueStagedJobResult>
  /**
   * Initiates `stage`, or the group's first incomplete stage when null. `seal` marks, in the
   * same write, that the group's producer (withinGrouping's block) has finished filling it.
   */
  initiate(
    group: GroupRef,
    stage: number | null,
    options?: { seal?: boolean },
  ): Promise<AdvanceResult>
  startStagedJob(group: GroupRef, jobId: string): Promise<StagedJobRecord>
  finishStagedJob(group: GroupRef, jobId: string, outcome: StagedJobOutcome): Promise<AdvanceResult>
  setStatusMessage(group: GroupRef, jobId: string, message: string): Promise<void>
  /** Marks queued jobs as handed to the queue (see `undispatched`). */
  confirmDispatch(group: GroupRef, jobIds: readonly string[]): Promise<void>
  deleteGroup(groupId: string): Promise<boolean>
  readGroup(groupId: string): Promise<GroupRecord | null>
  /** Whether the group was sealed by an initiate; null when the group does not exist. */
  readSealed(groupId: string): Promise<boolean | null>
  readStages(groupId: string): Promise<StageRecord[]>
  readStageJobs(groupId: string, stage: number): Promise<StagedJobRecord[]>
  readStagedJob(groupId: string, jobId: string): Promise<StagedJobRecord | null>
  /** Jobs queued before `before` (ms) whose dispatch was never confirmed. */
  undispatched(groupId: string, before: number): Promise<StagedJobRecord[]>
}
