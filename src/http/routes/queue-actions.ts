import { InvalidArgumentError } from '../../errors/jobledger-error.js'
import type { CleanOptions } from '../../facades/queue-bulk.js'
import type { DashboardApp, DashboardContext } from '../face.js'
import { readJsonObject } from '../request-body.js'
import { readQueue } from './queues.js'

/**
 * Bulk actions on a queue's items, bounded (at most 10,000 per call) and a page at a time:
 *
 * POST /api/queues/:name/retry-failed   { limit? }  failed → waiting, oldest first;
 *                                       answers { retried, failed } (failed: still failed)
 * GET  /api/queues/:name/clean?state=finished|failed&olderThanMs=&limit=
 *                                       counts what clean would delete, deleting nothing
 * POST /api/queues/:name/clean          { state, olderThanMs, limit?, dryRun? } deletes settled
 *                                       items older than olderThanMs; answers { state, cutoff,
 *                                       matched, deleted, scanned, complete }
 */
export function queueActionsApi(api: DashboardApp, context: DashboardContext): void {
  api.post('/queues/:name/retry-failed', async (c) => {
    const queue = context.ledger.queue(c.req.param('name'))
    const body = await readJsonObject(c)
    await readQueue(context.ledger, queue.name)
    const limit = optionalInteger(body.limit, 'limit')
    const result = await queue.bulk.retryFailed(limit === undefined ? {} : { limit })
    context.ledger.audit({
      action: 'retry-failed',
      unit: `queue:${queue.name}`,
      by: 'dashboard',
      ...result,
    })
    await context.live.refresh([`queue:${queue.name}`])
    return c.json(result)
  })
  api.get('/queues/:name/clean', async (c) => {
    const queue = context.ledger.queue(c.req.param('name'))
    const options = cleanOptions({
      state: c.req.query('state'),
      olderThanMs: numberFromQuery(c.req.query('olderThanMs'), 'olderThanMs'),
      limit: numberFromQuery(c.req.query('limit'), 'limit'),
    })
    await readQueue(context.ledger, queue.name)
    return c.json(await queue.bulk.clean({ ...options, dryRun: true }))
  })
  api.post('/queues/:name/clean', async (c) => {
    const queue = context.ledger.queue(c.req.param('name'))
    const options = cleanOptions(await readJsonObject(c))
    await readQueue(context.ledger, queue.name)
    const result = await queue.bulk.clean(options)
    if (!options.dryRun)
      context.ledger.audit({
        action: 'clean',
        unit: `queue:${queue.name}`,
        by: 'dashboard',
        ...result,
      })
    if (result.deleted > 0) await context.live.refresh([`queue:${queue.name}`])
    return c.json(result)
  })
}

function cleanOptions(body: Record<string, unknown>): CleanOptions {
  const { state, dryRun } = body
  if (dryRun !== undefined && typeof dryRun !== 'boolean')
    throw new InvalidArgumentError('dryRun must be true or false.')
  const limit = optionalInteger(body.limit, 'limit')
  const olderThanMs = optionalInteger(body.olderThanMs, 'olderThanMs')
  return {
    state: state as CleanOptions['state'],
    olderThanMs: olderThanMs as number,
    ...(limit === undefined ? {} : { limit }),
    ...(dryRun === undefined ? {} : { dryRun }),
  }
}

/** A number field of a body (the facade checks its range); undefined when absent. */
function optionalInteger(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'number') throw new InvalidArgumentError(`${name} must be a number.`)
  return value
}

function numberFromQuery(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined
  if (!/^\d{1,15}$/.test(text))
    throw new InvalidArgumentError(`${name} must be a whole number, got ${JSON.stringify(text)}.`)
  return Number(text)
}
