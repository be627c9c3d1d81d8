import type { StagedJobRecord, StagedJobStatus, StageRecord, StageStatus } from './group-records.js'
import type { GroupDetails, GroupUnit, StagedJobUnit, StageUnit } from './group-unit.js'
import { isFinished } from './parts.js'

/** A stage's status, judged by its parts record and whether its group was cancelled. */
export function stageStatusOf(stage: StageUnit, unit: Pick<GroupUnit, 'stopped'>): StageStatus {
  if (isFinished(stage.parts)) return 'complete'
  if (stage.parts.stopped) return 'stopped'
  if (stage.parts.closed) return 'running'
  return unit.stopped ? 'skipped' : 'pending'
}

export function stageRecordOf(stage: StageUnit, unit: Pick<GroupUnit, 'stopped'>): StageRecord {
  const { parts } = stage
  return {
    number: stage.number,
    status: stageStatusOf(stage, unit),
    numJobs: parts.total,
    open: parts.open,
    successful: parts.succeeded,
    failed: parts.failed,
    stopped: parts.stopped,
    startedAt: parts.startedAt,
    signals: { ...parts.signals },
  }
}

export function stagedJobRecordOf(groupId: string, job: StagedJobUnit): StagedJobRecord {
  return {
    id: job.id,
    groupId,
    stage: job.stage,
    name: job.name,
    argsJson: job.argsJson,
    status: job.status,
    statusMessage: job.statusMessage,
    queueTime: job.queueTime,
    delayMs: job.delayMs,
    runAt: job.runAt,
    attempts: job.attempts,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    error: job.error ? { ...job.error } : null,
    carrier: job.carrier ? { ...job.carrier } : null,
  }
}

/** Moves a job to `status`, keeping the group's counts per status. */
export function setJobStatus(unit: GroupUnit, job: StagedJobUnit, status: StagedJobStatus): void {
  unit.counts[job.status]--
  unit.counts[status]++
  job.status = status
}

/** Job ids as numbers ascending: the order they were enqueued in. */
export function byJobId(a: string, b: string): number {
  return Number(a) - Number(b)
}

/**
 * The jobs `op` queued that are still undispatched, in enqueue order: what a repeat of the
 * write that queued them answers, so its caller can still dispatch them.
 */
export function undispatchedQueuedBy(details: GroupDetails, op: string): StagedJobRecord[] {
  return details
    .undispatched()
    .map(([id]) => details.job(id)!)
    .filter((job) => job.queueOp === op)
    .map((job) => job.id)
    .sort(byJobId)
    .map((id) => stagedJobRecordOf(details.unit.id, details.job(id)!))
}
