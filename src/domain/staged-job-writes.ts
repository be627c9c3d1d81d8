import {
  type AdvanceStep,
  advance,
  advanceAnswer,
  detailsOrRepeat,
  repeatedAdvance,
} from './group-advance.js'
import { afterWrite, recordStageFired, requireDetails } from './group-life.js'
import {
  type AdvanceResult,
  RUNNABLE_STATUSES,
  type StagedJobError,
  type StagedJobOutcome,
  type StagedJobRecord,
  type StagedJobStatus,
} from './group-records.js'
import type { GroupDetails, GroupTable, StagedJobUnit } from './group-unit.js'
import { setJobStatus, stagedJobRecordOf } from './group-views.js'
import type { OpId } from './op-id.js'
import { countSettled } from './parts.js'
import type { QueueItemRef } from './queue-item.js'
import { refuse } from './stage-refusals.js'

/** The statuses a run's op leaves a job in: only start and finish set them with their op. */
const STARTED_BY_RUN: readonly StagedJobStatus[] = [
  'running',
  'successful',
  'failed',
  'pending_re_run',
]

function requireJob(details: GroupDetails, jobId: string): StagedJobUnit {
  const job = details.job(jobId)
  if (!job) throw refuse('STAGED_JOB_NOT_FOUND', { id: details.unit.id, jobId })
  return job
}

/** What the worker's payload says the job is; a mismatch means it was not dispatched as-is. */
export interface ExpectedJob {
  name: string
  stage: number
}

/**
 * run() begins: a queued, running (duplicate delivery) or pending_re_run job becomes running,
 * recording the queue item that carried this start (`carrier`, null when none is named).
 * A run's start and finish carry one op: the op repeated answers the job as that run left it,
 * running or finished by it (the run's caller then repeats the finish, not the work).
 */
export function startStagedJob(
  table: GroupTable,
  id: string,
  jobId: string,
  op: OpId,
  now: number,
  expected: ExpectedJob | null,
  carrier: QueueItemRef | null = null,
): StagedJobRecord {
  const { stored, details } = requireDetails(table, id, now)
  const job = requireJob(details, jobId)
  if (expected && (expected.name !== job.name || expected.stage !== job.stage))
    throw refuse('PAYLOAD_MISMATCH', { id, jobId, data: [job.name, job.stage] })
  if (job.lastOp === op && STARTED_BY_RUN.includes(job.status)) return stagedJobRecordOf(id, job)
  if (!RUNNABLE_STATUSES.includes(job.status))
    throw refuse('JOB_NOT_RUNNABLE', { id, jobId, data: [job.status] })
  setJobStatus(details.unit, job, 'running')
  job.attempts++
  job.startedAt = now
  job.finishedAt = null
  job.carrier = carrier ? { ...carrier } : null
  job.lastOp = op
  details.confirmDispatched(jobId)
  details.unit.startedAt ??= now
  afterWrite(stored, details.unit, now)
  return stagedJobRecordOf(id, job)
}

/**
 * run() ends: a running job becomes successful or failed (settling its stage's part; the one
 * call that settles a stage's last job initiates what follows), or pending_re_run (its part
 * stays open until the queue's retry settles it).
 */
export function finishStagedJob(
  table: GroupTable,
  id: string,
  jobId: string,
  outcome: StagedJobOutcome,
  op: OpId,
  now: number,
  error: StagedJobError | null,
): AdvanceResult {
  const found = detailsOrRepeat(table, id, op, now)
  if (!('details' in found)) return found
  const { stored, details } = found
  const job = requireJob(details, jobId)
  if (job.lastOp === op && job.status === outcome) return repeatedAdvance(details, op)
  if (job.status !== 'running') throw refuse('JOB_NOT_RUNNABLE', { id, jobId, data: [job.status] })
  const { unit } = details
  setJobStatus(unit, job, outcome)
  job.finishedAt = now
  job.lastOp = op
  job.error = outcome === 'successful' ? null : error
  const step: AdvanceStep = { table, stored, details, now, op, queued: [], fired: [] }
  if (outcome === 'pending_re_run') return advanceAnswer(step, false)
  const stage = details.stage(job.stage)!
  const kind = outcome === 'successful' ? 'succeeded' : 'failed'
  const change = countSettled(stage.parts, kind, now, op)
  recordStageFired(stored, details, stage, change.fired, now, step.fired)
  if (outcome === 'failed' && unit.firstFailure === null) {
    unit.firstFailure = { jobId, stage: job.stage, name: job.name, at: now, error }
  }
  const complete = change.fired.includes('settled') && advance(step)
  return advanceAnswer(step, complete)
}

/** Sets a job's status message (any status). */
export function setStagedJobMessage(
  table: GroupTable,
  id: string,
  jobId: string,
  message: string,
  op: OpId,
  now: number,
): void {
  const { stored, details } = requireDetails(table, id, now)
  const job = requireJob(details, jobId)
  if (job.messageOp === op) return
  job.statusMessage = message
  job.messageOp = op
  afterWrite(stored, details.unit, now)
}
