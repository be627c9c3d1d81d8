import { InvalidArgumentError, NotFoundError } from '../../errors/jobledger-error.js'
import type { Job } from '../../facades/job.js'
import type { JobReport } from '../../facades/job-batches.js'
import type { Ledger } from '../../ledger.js'
import type { OutcomeKind } from '../../store/batch-store.js'
import type { DashboardApp, DashboardContext } from '../face.js'
import { integerParam, limitParam } from '../paging.js'
import { apiHref, unitPaths } from '../unit-links.js'

export interface BatchRow {
  index: number
  part: string
  /** open until the batch's part is settled (its tracker reported it, or done/fail). */
  state: 'open' | 'settled'
}

export interface BatchesPage {
  batches: number
  batchesDone: number
  items: BatchRow[]
  /** The next batch index to ask for; null on the last page. */
  cursor: string | null
}

/**
 * GET /api/jobs/:token/report                          item counts across the job's batches
 * GET /api/jobs/:token/batches?cursor=&limit=          its batches by index, open or settled;
 *                                                      links.job: the job's API path
 * GET /api/jobs/:token/outcomes/:kind?cursor=&limit=   errored | skipped | missing items, paged
 */
export function batchesApi(api: DashboardApp, context: DashboardContext): void {
  api.get('/jobs/:token/report', async (c) => {
    return c.json(await reportOf(context.ledger.job(c.req.param('token'))))
  })
  api.get('/jobs/:token/batches', async (c) => {
    const limit = limitParam(c.req.query('limit')) ?? 50
    const cursor = c.req.query('cursor')
    const start = cursor === undefined ? 0 : integerParam(cursor, 'cursor')
    const token = c.req.param('token')
    const page = await readBatches(context.ledger, token, start, limit)
    return c.json({ ...page, links: { job: apiHref(context, unitPaths.job(token)) } })
  })
  api.get('/jobs/:token/outcomes/:kind', async (c) => {
    const job = context.ledger.job(c.req.param('token'))
    const kind = outcomeKind(c.req.param('kind'))
    const limit = limitParam(c.req.query('limit'))
    const options = {
      cursor: c.req.query('cursor') ?? null,
      ...(limit === undefined ? {} : { limit }),
    }
    await reportOf(job)
    return c.json(await job.outcomes(kind, options))
  })
}

/** The job's report; NOT_FOUND when the job does not exist (a job without batches reads zeros). */
export async function reportOf(job: Job): Promise<JobReport> {
  const report = await job.report()
  if (!report) throw new NotFoundError(`Job ${job.token} does not exist or has expired.`)
  return report
}

/** One page of a job's batches, `limit` indexes from `start` (1 to 1000). */
export async function readBatches(
  ledger: Ledger,
  token: string,
  start: number,
  limit: number,
): Promise<BatchesPage> {
  if (limit < 1 || limit > 1000)
    throw new InvalidArgumentError(`limit must be an integer from 1 to 1000, got ${limit}.`)
  const job = ledger.job(token)
  const report = await reportOf(job)
  const end = Math.min(report.batches, start + limit)
  const indexes = Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i)
  const items = await Promise.all(
    indexes.map(async (index): Promise<BatchRow> => {
      const part = ledger.batch(token, index).part
      return { index, part, state: (await job.isOpenPart(part)) ? 'open' : 'settled' }
    }),
  )
  const cursor = end < report.batches ? String(end) : null
  return { batches: report.batches, batchesDone: report.batchesDone, items, cursor }
}

export const OUTCOME_KINDS: readonly OutcomeKind[] = ['errored', 'skipped', 'missing']

export function outcomeKind(text: string): OutcomeKind {
  const kind = OUTCOME_KINDS.find((k) => k === text)
  if (!kind)
    throw new InvalidArgumentError(
      `Outcomes are ${OUTCOME_KINDS.join(', ')}; got ${JSON.stringify(text)}.`,
    )
  return kind
}
