import {
  type GroupRecord,
  STAGED_JOB_STATUSES,
  type StagedJobCounts,
  type StagedJobRecord,
  type StagedJobStatus,
  type StageRecord,
} from '../../store/stage-store.js'
import type { RedisDriver } from './driver.js'
import type { RedisKeys } from './keys.js'
import { strings } from './replies.js'

const JOB_FIELDS = ['n', 'a', 's', 'st', 'm', 'q', 'd', 'r'] as const

function optionalNumber(value: string | null | undefined): number | null {
  return value === null || value === undefined || value === '' ? null : Number(value)
}

export async function readGroupRecord(
  driver: RedisDriver,
  keys: RedisKeys,
  groupId: string,
): Promise<GroupRecord | null> {
  const fields = [
    'description',
    'createdAt',
    'completedAt',
    ...STAGED_JOB_STATUSES.map((s) => `count:${s}`),
  ]
  const values = strings(await driver.command('HMGET', [keys.group(groupId).state, ...fields]))
  const [description, createdAt, completedAt] = values
  if (createdAt === null || createdAt === undefined) return null
  const counts = {} as StagedJobCounts
  STAGED_JOB_STATUSES.forEach((status, i) => {
    counts[status] = Number(values[3 + i] ?? 0)
  })
  return {
    id: groupId,
    description: description ?? '',
    createdAt: Number(createdAt),
    completedAt: optionalNumber(completedAt),
    counts,
  }
}

export async function readStageRecords(
  driver: RedisDriver,
  keys: RedisKeys,
  groupId: string,
): Promise<StageRecord[]> {
  const numbers = strings(await driver.command('ZRANGE', [keys.group(groupId).stages, 0, -1]))
  const fields = ['total', 'open', 'succeeded', 'failed', 'closed', 'finished']
  const records = await Promise.all(
    numbers.map(async (n): Promise<StageRecord> => {
      const number = Number(n)
      const state = keys.stage(groupId, number).state
      const [total, open, succeeded, failed, closed, finished] = strings(
        await driver.command('HMGET', [state, ...fields]),
      )
      return {
        number,
        status: finished === '1' ? 'complete' : closed === '1' ? 'running' : 'pending',
        numJobs: Number(total ?? 0),
        open: Number(open ?? 0),
        successful: Number(succeeded ?? 0),
        failed: Number(failed ?? 0),
      }
    }),
  )
  return records
}

/** Staged jobs by id, in the order given; ids whose job is gone are left out. */
export async function readStagedJobs(
  driver: RedisDriver,
  keys: RedisKeys,
  groupId: string,
  ids: readonly string[],
): Promise<StagedJobRecord[]> {
  const jobs = keys.group(groupId).jobs
  const rows = await Promise.all(
    ids.map(async (id) =>
      strings(await driver.command('HMGET', [jobs, ...JOB_FIELDS.map((f) => `${id}:${f}`)])),
    ),
  )
  return rows.flatMap((row, i) => stagedJobFromFields(groupId, ids[i]!, row) ?? [])
}

/** The number of reply entries per job a stage script returns: the id, then JOB_FIELDS. */
export const JOB_REPLY_WIDTH = 1 + JOB_FIELDS.length

/** Jobs a stage script returned from `from` on, each as its id followed by JOB_FIELDS. */
export function stagedJobsFromReply(
  groupId: string,
  reply: readonly unknown[],
  from: number,
): StagedJobRecord[] {
  const jobs: StagedJobRecord[] = []
  for (let i = from; i + JOB_REPLY_WIDTH <= reply.length; i += JOB_REPLY_WIDTH) {
    const row = strings(reply.slice(i + 1, i + JOB_REPLY_WIDTH))
    const job = stagedJobFromFields(groupId, String(reply[i]), row)
    if (job) jobs.push(job)
  }
  return jobs
}

/** A staged job from its JOB_FIELDS values; null when the job is gone. */
function stagedJobFromFields(
  groupId: string,
  id: string,
  row: readonly (string | null)[],
): StagedJobRecord | null {
  const [name, argsJson, stage, status, message, queueTime, delayMs, runAt] = row
  if (name === null || name === undefined || status === null || status === undefined) return null
  return {
    id,
    groupId,
    stage: Number(stage),
    name,
    argsJson: argsJson ?? '[]',
    status: status as StagedJobStatus,
    statusMessage: message ?? null,
    queueTime: Number(queueTime),
    delayMs: optionalNumber(delayMs),
    runAt: optionalNumber(runAt),
  }
}
