import { groupRecordOf, lookup } from './group-life.js'
import type { GroupRecord, StagedJobRecord, StageRecord } from './group-records.js'
import type { GroupTable } from './group-unit.js'
import { byJobId, stagedJobRecordOf, stageRecordOf } from './group-views.js'

/** The group's record; once only its summary is left, that (marked compact); else null. */
export function readGroup(table: GroupTable, id: string, now: number): GroupRecord | null {
  const stored = lookup(table, id, now)
  if (stored?.details) return groupRecordOf(stored.details.unit)
  return stored?.summary ? structuredClone(stored.summary.record) : null
}

/** The stored stages in number order; [] once the details are gone. */
export function readStages(table: GroupTable, id: string, now: number): StageRecord[] {
  const details = lookup(table, id, now)?.details
  if (!details) return []
  return details.stageNumbers().map((n) => stageRecordOf(details.stage(n)!, details.unit))
}

/** A stage's jobs in enqueue order. */
export function readStageJobs(
  table: GroupTable,
  id: string,
  stage: number,
  now: number,
): StagedJobRecord[] {
  const details = lookup(table, id, now)?.details
  if (!details) return []
  return details.stageJobIds(stage).map((jobId) => stagedJobRecordOf(id, details.job(jobId)!))
}

export function readStagedJob(
  table: GroupTable,
  id: string,
  jobId: string,
  now: number,
): StagedJobRecord | null {
  const job = lookup(table, id, now)?.details?.job(jobId)
  return job ? stagedJobRecordOf(id, job) : null
}

/** Jobs queued before `before` whose dispatch was never confirmed, in id order. */
export function readUndispatched(
  table: GroupTable,
  id: string,
  before: number,
  now: number,
): StagedJobRecord[] {
  const details = lookup(table, id, now)?.details
  if (!details) return []
  return details
    .undispatched()
    .filter(([, at]) => at < before)
    .map(([jobId]) => jobId)
    .sort(byJobId)
    .map((jobId) => stagedJobRecordOf(id, details.job(jobId)!))
}
