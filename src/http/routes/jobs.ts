import { NotFoundError } from '../../errors/jobledger-error.js'
import type { Job } from '../../facades/job.js'
import { validateFailuresOptions } from '../../facades/job-failures.js'
import type { DashboardApp, DashboardContext } from '../face.js'
import { limitParam } from '../paging.js'
import { optionalString, readJsonObject } from '../request-body.js'
import { apiHref, unitPaths } from '../unit-links.js'

/**
 * GET  /api/jobs/:token            the job's summary; links: its batches' and callbacks' API paths
 * GET  /api/jobs/:token/callbacks  its durable callbacks per signal, with the names still due
 * GET  /api/jobs/:token/failures?cursor=&limit=   a page of its failed parts with reasons:
 *                                  { items, cursor } (limit 1 to 1000, default 100)
 * POST /api/jobs/:token/stop       raises the stop flag ({ reason? }); answers the new summary
 */
export function jobsApi(api: DashboardApp, context: DashboardContext): void {
  api.get('/jobs/:token', async (c) => {
    const job = context.ledger.job(c.req.param('token'))
    const links = {
      batches: apiHref(context, unitPaths.batches(job.token)),
      callbacks: apiHref(context, unitPaths.callbacks(job.token)),
    }
    return c.json({ ...(await summaryOf(job)), links })
  })
  api.get('/jobs/:token/callbacks', async (c) => {
    const job = context.ledger.job(c.req.param('token'))
    await summaryOf(job)
    const links = { job: apiHref(context, unitPaths.job(job.token)) }
    return c.json({ callbacks: await job.callbacks(), links })
  })
  api.get('/jobs/:token/failures', async (c) => {
    const job = context.ledger.job(c.req.param('token'))
    const limit = limitParam(c.req.query('limit'))
    const options = {
      cursor: c.req.query('cursor') ?? null,
      ...(limit === undefined ? {} : { limit }),
    }
    validateFailuresOptions(options)
    await summaryOf(job)
    const page = await job.failures(options)
    return c.json({ items: page.failures, cursor: page.cursor })
  })
  api.post('/jobs/:token/stop', async (c) => {
    const job = context.ledger.job(c.req.param('token'))
    const body = await readJsonObject(c)
    const reason = optionalString(body, 'reason')
    await job.stop(reason === undefined ? {} : { reason })
    context.ledger.audit({ action: 'stop', unit: `job:${job.token}`, by: 'dashboard', reason })
    await context.live.refresh([`job:${job.token}`])
    return c.json(await summaryOf(job))
  })
}

async function summaryOf(job: Job) {
  const summary = await job.summary()
  if (!summary) throw new NotFoundError(`Job ${job.token} does not exist or has expired.`)
  return summary
}
