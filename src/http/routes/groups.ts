import { InvalidTransitionError, NotFoundError } from '../../errors/jobledger-error.js'
import type { Ledger } from '../../ledger.js'
import type { GroupRecord, StagedJobRecord, StageRecord } from '../../store/stage-store.js'
import type { DashboardApp, DashboardContext } from '../face.js'
import { integerParam } from '../paging.js'
import { optionalString, readJsonObject } from '../request-body.js'
import { apiHref, apiLinks, stagedJobPaths, unitPaths } from '../unit-links.js'

export interface GroupView extends GroupRecord {
  stages: StageRecord[]
}

export interface StageView extends StageRecord {
  groupId: string
  description: string
  jobs: StagedJobRecord[]
}

/**
 * GET  /api/groups/:id                    the group with its stages (status and job counts);
 *                                         links.stages: each stage's API path
 * GET  /api/groups/:id/stages/:number     one stage with its jobs (status, status_message,
 *                                         carrier); links: group, jobs
 * GET  /api/groups/:id/jobs/:jobId        one staged job, its arguments as JSON; links: group,
 *                                         stage, carrier (the queue item of its latest start)
 * POST /api/groups/:id/cancel             { reason? } stops its running stage, skips the rest;
 *                                         answers { stopped, cancelledJobs }
 * POST /api/groups/:id/delete             deletes a completed or cancelled group with its stages
 *                                         and jobs
 */
export function groupsApi(api: DashboardApp, context: DashboardContext): void {
  api.get('/groups/:id', async (c) => {
    const group = await readGroup(context.ledger, c.req.param('id'))
    const stages = group.stages.map((s) => apiHref(context, unitPaths.stage(group.id, s.number)))
    return c.json({ ...group, links: { stages } })
  })
  api.get('/groups/:id/stages/:number', async (c) => {
    const number = integerParam(c.req.param('number'), 'stage number')
    const stage = await readStage(context.ledger, c.req.param('id'), number)
    const jobs = stage.jobs.map((job) => apiHref(context, unitPaths.stagedJob(job.groupId, job.id)))
    const group = apiHref(context, unitPaths.group(stage.groupId))
    return c.json({ ...stage, links: { group, jobs } })
  })
  api.get('/groups/:id/jobs/:jobId', async (c) => {
    const job = await readStagedJob(context.ledger, c.req.param('id'), c.req.param('jobId'))
    const links = apiLinks(context, stagedJobPaths(job))
    return c.json({ ...job, args: JSON.parse(job.argsJson) as unknown, links })
  })
  api.post('/groups/:id/cancel', async (c) => {
    const group = await context.ledger.group(c.req.param('id'))
    const reason = optionalString(await readJsonObject(c), 'reason')
    const result = await group.cancel(reason === undefined ? {} : { reason })
    context.ledger.audit({
      action: 'cancel',
      unit: `group:${group.id}`,
      by: 'dashboard',
      reason,
      ...result,
    })
    await context.live.refresh([`group:${group.id}`])
    return c.json(result)
  })
  api.post('/groups/:id/delete', async (c) => {
    const group = await context.ledger.group(c.req.param('id'))
    const record = await group.record()
    if (record.completedAt === null && record.state !== 'stopped') {
      throw new InvalidTransitionError(
        `Group ${group.id} is ${record.state}; cancel it first, or wait until it completes.`,
      )
    }
    const deleted = await group.delete()
    context.ledger.audit({ action: 'delete', unit: `group:${group.id}`, by: 'dashboard', deleted })
    await context.live.refresh([`group:${group.id}`])
    return c.json({ id: group.id, deleted })
  })
}

/** The group with its stages; once its details expired, its compact summary (no stages). */
export async function readGroup(ledger: Ledger, id: string): Promise<GroupView> {
  const group = await ledger.groupWithStages(id)
  if (!group) throw new NotFoundError(`Group ${id} does not exist or has expired.`)
  return group
}

export async function readStage(ledger: Ledger, id: string, number: number): Promise<StageView> {
  const group = await readGroup(ledger, id)
  const stage = group.stages.find((s) => s.number === number)
  if (!stage) throw new NotFoundError(`Group ${id} has no stage ${number}.`)
  const jobs = await (await ledger.group(id)).stage(number).jobs()
  return { ...stage, groupId: id, description: group.description, jobs }
}

export async function readStagedJob(
  ledger: Ledger,
  id: string,
  jobId: string,
): Promise<StagedJobRecord> {
  const group = await ledger.group(id)
  // Stage.job looks the id up across the whole group (one read), whatever the stage handle.
  return group.stage(0).job(jobId)
}
