import { STATUS_STATES } from '../../domain/status-state.js'
import type { Ledger } from '../../ledger.js'
import type { DashboardFace, OverviewCard } from '../face.js'
import { statusLiveSource } from '../live/status-source.js'
import { OVERVIEW_SAMPLE } from '../pages/overview.js'
import { statusesPages } from '../pages/statuses.js'
import { statusesApi } from '../routes/statuses.js'

/** Job statuses: list, page with progress and custom fields, the snapshot JSON, live. */
export const statusesFace: DashboardFace = {
  name: 'statuses',
  nav: { path: '/statuses', label: 'Statuses' },
  api: statusesApi,
  pages: statusesPages,
  live: (ledger) => [statusLiveSource(ledger)],
  overview: statusesOverview,
}

async function statusesOverview(ledger: Ledger): Promise<OverviewCard> {
  const { items, cursor } = await ledger.list({ kind: 'status', limit: OVERVIEW_SAMPLE })
  const byState = Object.fromEntries(STATUS_STATES.map((state) => [state, 0]))
  for (const item of items) byState[item.summary.status] = (byState[item.summary.status] ?? 0) + 1
  return {
    kind: 'status',
    label: 'Statuses',
    path: '/statuses',
    total: items.length,
    more: cursor !== null,
    byState,
  }
}
