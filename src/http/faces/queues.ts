import { QUEUE_STATES } from '../../domain/queue-item.js'
import type { Ledger } from '../../ledger.js'
import type { DashboardFace, OverviewCard } from '../face.js'
import { queueItemLiveSource, queueLiveSource } from '../live/queue-source.js'
import { OVERVIEW_SAMPLE } from '../pages/overview.js'
import { queuesPages } from '../pages/queues.js'
import { queuesApi } from '../routes/queues.js'

/** Tracked queues: counts by state, items by state, retry and delete, live. */
export const queuesFace: DashboardFace = {
  name: 'queues',
  nav: { path: '/queues', label: 'Queues' },
  api: queuesApi,
  pages: queuesPages,
  live: (ledger) => [queueLiveSource(ledger), queueItemLiveSource(ledger)],
  overview: queuesOverview,
}

/** Items by state summed over the queues (a queue is one unit; its items are what move). */
async function queuesOverview(ledger: Ledger): Promise<OverviewCard> {
  const { items, cursor } = await ledger.list({ kind: 'queue', limit: OVERVIEW_SAMPLE })
  const byState = Object.fromEntries(QUEUE_STATES.map((state) => [state, 0]))
  for (const item of items)
    for (const state of QUEUE_STATES) byState[state] = (byState[state] ?? 0) + item.summary[state]
  return {
    kind: 'queue',
    label: 'Queues (items by state)',
    path: '/queues',
    total: items.length,
    more: cursor !== null,
    byState,
  }
}
