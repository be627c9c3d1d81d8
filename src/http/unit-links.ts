import type { QueueItemRef } from '../domain/queue-item.js'
import type { UnitRef } from '../domain/unit-ref.js'
import type { CarriedUnit } from '../facades/carried-unit.js'
import type { StagedJobRecord } from '../store/stage-store.js'
import type { DashboardContext } from './face.js'
import { hrefOf } from './pages/components.js'

/*
 * Where each unit lives, as path segments under the dashboard (its page) or under /api (its
 * JSON): the one table both the pages' links and the API's `links` fields are made from.
 */
export type UnitPath = readonly string[]

export const unitPaths = {
  job: (token: string): UnitPath => ['jobs', token],
  batches: (token: string): UnitPath => ['jobs', token, 'batches'],
  callbacks: (token: string): UnitPath => ['jobs', token, 'callbacks'],
  group: (id: string): UnitPath => ['groups', id],
  stage: (groupId: string, stage: number): UnitPath => ['groups', groupId, 'stages', String(stage)],
  stagedJob: (groupId: string, jobId: string): UnitPath => ['groups', groupId, 'jobs', jobId],
  queue: (name: string): UnitPath => ['queues', name],
  queueItem: (item: QueueItemRef): UnitPath => ['queues', item.queue, 'items', item.id],
  status: (id: string): UnitPath => ['statuses', id],
}

/** The path of the unit a reference names. */
export function unitPath(ref: UnitRef): UnitPath {
  if (ref.kind === 'staged-job') return unitPaths.stagedJob(ref.groupId, ref.id)
  if (ref.kind === 'queue-item') return unitPaths.queueItem(ref)
  if (ref.kind === 'job') return unitPaths.job(ref.id)
  return ref.kind === 'group' ? unitPaths.group(ref.id) : unitPaths.queue(ref.id)
}

/** A path as a link to a dashboard page. */
export function pageHref(context: DashboardContext, path: UnitPath): string {
  return hrefOf(context.basePath, path)
}

/** A path as a link to the JSON API. */
export function apiHref(context: DashboardContext, path: UnitPath): string {
  return hrefOf(`${context.basePath}/api`, path)
}

/** The paths of the units a queue item carries: the staged job with its stage and group, or a callback's unit. */
export function carriedPaths(unit: CarriedUnit): Record<string, UnitPath> {
  if (unit.kind === 'staged-job') {
    return {
      stagedJob: unitPaths.stagedJob(unit.groupId, unit.jobId),
      stage: unitPaths.stage(unit.groupId, unit.stage),
      group: unitPaths.group(unit.groupId),
    }
  }
  if (unit.unit === 'job') {
    const job = { job: unitPaths.job(unit.id) }
    return unit.scope.startsWith('batch:') ? { ...job, batches: unitPaths.batches(unit.id) } : job
  }
  const group = { group: unitPaths.group(unit.id) }
  const stage = /^stage:(\d+)$/.exec(unit.scope)
  return stage ? { ...group, stage: unitPaths.stage(unit.id, Number(stage[1])) } : group
}

/** The paths a staged job links to: its group, its stage and the queue item that carried it. */
export function stagedJobPaths(job: StagedJobRecord): Record<string, UnitPath | null> {
  return {
    group: unitPaths.group(job.groupId),
    stage: unitPaths.stage(job.groupId, job.stage),
    carrier: job.carrier ? unitPaths.queueItem(job.carrier) : null,
  }
}

/** Each path of `paths` as an API link (null stays null). */
export function apiLinks(
  context: DashboardContext,
  paths: Record<string, UnitPath | null>,
): Record<string, string | null> {
  return Object.fromEntries(
    Object.entries(paths).map(([name, path]) => [name, path ? apiHref(context, path) : null]),
  )
}
