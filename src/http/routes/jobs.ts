import { NotFoundError } from '../../errors/jobledger-error.js'
import type { Job } from '../../facades/job.js'
import type { DashboardApp, DashboardContext } from '../face.js'
import { optionalString, readJsonObject } from '../request-body.js'

/**
 * GET  /api/jobs/:token            the job's summary
 * GET  /api/jobs/:token/failures   its failed parts with reasons
 * POST /api/jobs/:token/stop       raises the stop flag ({ reason? }); answers the new summary
 */
export function jobsApi(api: DashboardApp, context: DashboardContext): void {
  api.get('/jobs/:token', async (c) => {
    const job = context.ledger.job(c.req.param('token'))
    return c.json(await summaryOf(job))
  })
  api.get('/jobs/:token/failures', async (c) => {
    const job = context.ledger.job(c.req.param('token'))
    await summaryOf(job)
    return c.json({ items: await job.failures() })
  })
  api.post('/jobs/:token/stop', async (c) => {
    const job = context.ledger.job(c.req.param('token'))
    const body = await readJsonObject(c)
    const reason = optionalString(body, 'reason')
    await job.stop(reason === undefined ? {} : { reason })
    await context.live.refresh([`job:${job.token}`])
    return c.json(await summaryOf(job))
  })
}

async function summaryOf(job: Job) {
  const summary = await job.summary()
  if (!summary) throw new NotFoundError(`Job ${job.token} does not exist or has expired.`)
  return summary
}
