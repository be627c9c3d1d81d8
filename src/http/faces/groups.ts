import type { Ledger } from '../../ledger.js'
import type { DashboardFace, OverviewCard } from '../face.js'
import { groupLiveSource, groupState, stageLiveSource } from '../live/group-source.js'
import { groupsPages } from '../pages/groups.js'
import { OVERVIEW_SAMPLE } from '../pages/overview.js'
import { groupsApi } from '../routes/groups.js'

/** Groups of stages: group → stages → staged jobs, live, and deleting a completed group. */
export const groupsFace: DashboardFace = {
  name: 'groups',
  nav: { path: '/groups', label: 'Groups' },
  api: groupsApi,
  pages: groupsPages,
  live: (ledger) => [groupLiveSource(ledger), stageLiveSource(ledger)],
  overview: groupsOverview,
}

async function groupsOverview(ledger: Ledger): Promise<OverviewCard> {
  const { items, cursor } = await ledger.list({ kind: 'group', limit: OVERVIEW_SAMPLE })
  const byState: Record<string, number> = { pending: 0, running: 0, complete: 0 }
  for (const item of items) {
    const state = groupState(item.summary)
    byState[state] = (byState[state] ?? 0) + 1
  }
  return {
    kind: 'group',
    label: 'Groups',
    path: '/groups',
    total: items.length,
    more: cursor !== null,
    byState,
  }
}
