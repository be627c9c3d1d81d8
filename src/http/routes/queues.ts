import { validateId } from '../../domain/ids.js'
import { QUEUE_STATES, type QueueCounts, type QueueState } from '../../domain/queue-item.js'
import { InvalidArgumentError, NotFoundError } from '../../errors/jobledger-error.js'
import { carriedUnitOf } from '../../facades/carried-unit.js'
import type { Ledger } from '../../ledger.js'
import type { DashboardApp, DashboardContext } from '../face.js'
import { itemStatusOf } from '../item-status.js'
import { queueItemKey } from '../live/queue-source.js'
import { limitParam } from '../paging.js'
import { apiLinks, carriedPaths, unitPaths } from '../unit-links.js'

export interface QueueView {
  name: string
  createdAt: number
  counts: QueueCounts
}

/**
 * GET  /api/queues/:name                                 counts by state
 * GET  /api/queues/:name/items?state=failed&cursor=&limit= items in one state, oldest first, paged
 * GET  /api/queues/:name/items/:id                       one item, with `carries` (the staged job
 *                                                        or callback its data names) and `links`
 *                                                        (queue, what it carries, its status)
 * POST /api/queues/:name/items/:id/retry                 finished | failed → waiting
 * POST /api/queues/:name/items/:id/delete                removes the item in any state
 */
export function queuesApi(api: DashboardApp, context: DashboardContext): void {
  api.get('/queues/:name', async (c) =>
    c.json(await readQueue(context.ledger, c.req.param('name'))),
  )
  api.get('/queues/:name/items', async (c) => {
    const name = c.req.param('name')
    const state = queueState(c.req.query('state') ?? 'waiting')
    const limit = limitParam(c.req.query('limit'))
    const cursor = c.req.query('cursor') ?? null
    await readQueue(context.ledger, name)
    const options = { cursor, ...(limit === undefined ? {} : { limit }) }
    return c.json(await context.ledger.queue(name).list(state, options))
  })
  api.get('/queues/:name/items/:id', async (c) => {
    const item = await context.ledger.queue(c.req.param('name')).get(c.req.param('id'))
    const carries = carriedUnitOf(item.data)
    const status = await itemStatusOf(context.ledger, item)
    const paths = {
      queue: unitPaths.queue(item.queue),
      ...(carries ? carriedPaths(carries) : {}),
      status: status ? unitPaths.status(status.id) : null,
    }
    return c.json({ ...item, carries, links: apiLinks(context, paths) })
  })
  api.post('/queues/:name/items/:id/retry', async (c) => {
    const queue = context.ledger.queue(c.req.param('name'))
    const item = await queue.retry(c.req.param('id'))
    context.ledger.audit({
      action: 'retry',
      unit: `queue:${queue.name}`,
      by: 'dashboard',
      item: item.id,
    })
    await context.live.refresh([`queue:${queue.name}`, queueItemKey(queue.name, item.id)])
    return c.json(item)
  })
  api.post('/queues/:name/items/:id/delete', async (c) => {
    const queue = context.ledger.queue(c.req.param('name'))
    const id = c.req.param('id')
    await queue.get(id)
    await queue.delete(id)
    context.ledger.audit({
      action: 'delete',
      unit: `queue:${queue.name}`,
      by: 'dashboard',
      item: id,
    })
    await context.live.refresh([`queue:${queue.name}`, queueItemKey(queue.name, id)])
    return c.json({ queue: queue.name, id, deleted: true })
  })
}

/** The queue's counts; NOT_FOUND for a queue never pushed to (or whose items all expired). */
export async function readQueue(ledger: Ledger, name: string): Promise<QueueView> {
  const summary = await ledger.queue(validateId(name, 'queue name')).summary()
  if (!summary) throw new NotFoundError(`Queue ${name} does not exist.`)
  return { name, createdAt: summary.createdAt, counts: summary.counts }
}

export function queueState(text: string): QueueState {
  const state = QUEUE_STATES.find((s) => s === text)
  if (!state)
    throw new InvalidArgumentError(
      `state must be one of ${QUEUE_STATES.join(', ')}, got ${JSON.stringify(text)}.`,
    )
  return state
}
