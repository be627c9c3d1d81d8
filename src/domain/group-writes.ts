import { initialExpiry } from './expiry.js'
import { addStageUnit, stageCreatable } from './group-advance.js'
import {
  afterWrite,
  fireGroupSignals,
  groupRecordOf,
  isSettled,
  lookup,
  outboxExpiresAt,
  recordStageFired,
  requireDetails,
} from './group-life.js'
import {
  type CancelGroupResult,
  type CreateGroupResult,
  type EnqueueStagedJobResult,
  type FiredSignal,
  type GroupPolicyRecord,
  type NewStagedJob,
  zeroCounts,
} from './group-records.js'
import type { GroupDetails, GroupTable, GroupUnit, StagedJobUnit } from './group-unit.js'
import { setJobStatus, stagedJobRecordOf, stageStatusOf } from './group-views.js'
import type { OpId } from './op-id.js'
import { countPushed, isFinished, stopParts } from './parts.js'
import { noSignals } from './signals.js'
import { refuse } from './stage-refusals.js'

export interface NewGroup {
  id: string
  name: string | null
  description: string
  /** Stored with the group; only used when this write creates it. */
  policy: GroupPolicyRecord
}

/** Creates a group with no stages; an existing live group is left as it is. */
export function createGroup(
  table: GroupTable,
  group: NewGroup,
  op: OpId,
  now: number,
): CreateGroupResult {
  const existing = lookup(table, group.id, now)?.details
  if (existing) {
    return { created: existing.unit.createOp === op, group: groupRecordOf(existing.unit) }
  }
  const unit: GroupUnit = {
    ...group,
    policy: { ...group.policy },
    createdAt: now,
    createOp: op,
    expiresAt: initialExpiry(now, group.policy.ttlMs),
    sealed: false,
    seq: 0,
    current: null,
    stageCount: 0,
    counts: zeroCounts(),
    signals: noSignals(),
    startedAt: null,
    finishOp: null,
    stopped: false,
    stopOp: null,
    stopReason: null,
    initOp: null,
    firstFailure: null,
  }
  const stored = table.create(unit)
  stored.outboxExpiresAt = outboxExpiresAt(unit)
  return { created: true, group: groupRecordOf(unit) }
}

/** A write that adds to a group needs it neither complete nor cancelled. */
function requireOpen(unit: GroupUnit): void {
  if (isSettled(unit)) throw refuse('GROUP_COMPLETE', { id: unit.id })
  if (unit.stopped) throw refuse('GROUP_STOPPED', { id: unit.id })
}

/** Stores a pending stage when missing (a stage before the current one is passed: nothing). */
export function addStage(table: GroupTable, id: string, number: number, now: number): void {
  const { stored, details } = requireDetails(table, id, now)
  requireOpen(details.unit)
  if (stageCreatable(details, number)) addStageUnit(details, number)
  afterWrite(stored, details.unit, now)
}

export interface EnqueueOptions {
  /** Refuse (STAGE_NEEDS_DISPATCH) when the stage is running: the caller cannot dispatch. */
  refuseRunning?: boolean
  /** Dispatches of this group's jobs to confirm in the same write. */
  confirm?: readonly string[]
}

/** Confirmations riding along with an enqueue apply even to its repeat (they are idempotent). */
function confirmAll(details: GroupDetails, jobIds: readonly string[] | undefined): void {
  for (const jobId of jobIds ?? []) details.confirmDispatched(jobId)
}

function repeatedEnqueue(details: GroupDetails, jobId: string, op: OpId): EnqueueStagedJobResult {
  const job = details.job(jobId)!
  const dispatch = details.isUndispatched(jobId) && job.queueOp === op
  return { job: stagedJobRecordOf(details.unit.id, job), dispatch }
}

/** Adds a staged job: pending in a pending stage (created when missing), queued in a running one. */
export function enqueueStagedJob(
  table: GroupTable,
  id: string,
  number: number,
  job: NewStagedJob,
  op: OpId,
  now: number,
  options: EnqueueOptions,
): EnqueueStagedJobResult {
  const { stored, details } = requireDetails(table, id, now)
  const repeat = details.jobOfOp(op)
  if (repeat !== undefined) {
    confirmAll(details, options.confirm)
    return repeatedEnqueue(details, repeat, op)
  }
  const { unit } = details
  requireOpen(unit)
  const existing = details.stage(number)
  if (!existing && !stageCreatable(details, number))
    throw refuse('STAGE_COMPLETE', { id, stage: number })
  const status = existing ? stageStatusOf(existing, unit) : 'pending'
  if (status === 'complete') throw refuse('STAGE_COMPLETE', { id, stage: number })
  if (status === 'running' && options.refuseRunning === true)
    throw refuse('STAGE_NEEDS_DISPATCH', { id, stage: number })
  const stage = existing ?? addStageUnit(details, number)
  const created = newJob(String(unit.seq++), number, job, now, op)
  unit.counts.pending++
  countPushed(stage.parts, 1)
  details.addJob(created)
  details.rememberOp(op, created.id)
  const dispatch = status === 'running'
  if (dispatch) {
    setJobStatus(unit, created, 'queued')
    created.queueOp = op
    details.markUndispatched(created.id, now)
  }
  confirmAll(details, options.confirm)
  afterWrite(stored, unit, now)
  return { job: stagedJobRecordOf(id, created), dispatch }
}

function newJob(id: string, stage: number, job: NewStagedJob, now: number, op: OpId) {
  const created: StagedJobUnit = {
    ...job,
    id,
    stage,
    status: 'pending',
    statusMessage: null,
    queueTime: now,
    attempts: 0,
    startedAt: null,
    finishedAt: null,
    error: null,
    carrier: null,
    lastOp: op,
    messageOp: null,
    queueOp: null,
  }
  return created
}

/**
 * Marks queued jobs as handed to the queue; nothing when the group is gone. Only the
 * dispatch outbox changes: a confirmation is bookkeeping, not activity, so it keeps no
 * group alive (confirmations may be sent a little after the dispatch they confirm).
 */
export function confirmDispatch(
  table: GroupTable,
  id: string,
  jobIds: readonly string[],
  now: number,
): void {
  const details = lookup(table, id, now)?.details
  if (details) for (const jobId of jobIds) details.confirmDispatched(jobId)
}

/**
 * Cancels a group: stops its running stages (their queued and pending_re_run jobs become
 * cancelled, running ones may still finish) and skips its pending stages. Idempotent: a
 * cancelled or complete group is left as it is.
 */
export function cancelGroup(
  table: GroupTable,
  id: string,
  reason: string | null,
  op: OpId,
  now: number,
): CancelGroupResult {
  const { stored, details } = requireDetails(table, id, now)
  const { unit } = details
  if (unit.stopped) {
    const again = unit.stopOp === op
    return { stopped: again, cancelledJobs: again ? unit.counts.cancelled : 0, fired: [] }
  }
  if (isSettled(unit)) return { stopped: false, cancelledJobs: 0, fired: [] }
  unit.stopped = true
  unit.stopOp = op
  unit.stopReason = reason
  const fired: FiredSignal[] = []
  let cancelledJobs = 0
  for (let n = unit.current ?? details.stageAfter(null); n !== null; n = details.stageAfter(n)) {
    const stage = details.stage(n)!
    if (!stage.parts.closed || isFinished(stage.parts)) continue
    recordStageFired(stored, details, stage, stopParts(stage.parts, now, op).fired, now, fired)
    cancelledJobs += cancelQueuedJobs(details, n)
  }
  fireGroupSignals(stored, details, now, fired)
  afterWrite(stored, unit, now)
  return { stopped: true, cancelledJobs, fired }
}

function cancelQueuedJobs(details: GroupDetails, stage: number): number {
  let cancelled = 0
  for (const jobId of details.stageJobIds(stage)) {
    const job = details.job(jobId)!
    if (job.status !== 'queued' && job.status !== 'pending_re_run') continue
    setJobStatus(details.unit, job, 'cancelled')
    details.confirmDispatched(jobId)
    cancelled++
  }
  return cancelled
}

/** Deletes everything the group holds; true when anything of it was alive. */
export function deleteGroup(table: GroupTable, id: string, now: number): boolean {
  const existed = lookup(table, id, now) !== undefined
  table.delete(id)
  return existed
}
