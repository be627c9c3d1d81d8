import type { Ledger } from '../../ledger.js'
import type { DashboardFace, OverviewCard } from '../face.js'
import { jobLiveSource } from '../live/job-source.js'
import { jobsPages } from '../pages/jobs.js'
import { OVERVIEW_SAMPLE } from '../pages/overview.js'
import { JOB_STATE_LABELS, jobStateLabel } from '../pages/state-labels.js'
import { jobsApi } from '../routes/jobs.js'

/** Distributed jobs: list, job page with failures and stop, live progress. */
export const jobsFace: DashboardFace = {
  name: 'jobs',
  nav: { path: '/jobs', label: 'Jobs' },
  api: jobsApi,
  pages: jobsPages,
  live: (ledger) => [jobLiveSource(ledger)],
  overview: jobsOverview,
}

async function jobsOverview(ledger: Ledger): Promise<OverviewCard> {
  const { items, cursor } = await ledger.list({ kind: 'job', limit: OVERVIEW_SAMPLE })
  const byState = Object.fromEntries(JOB_STATE_LABELS.map((label) => [label, 0]))
  for (const item of items) {
    const label = jobStateLabel(item.summary)
    byState[label] = (byState[label] ?? 0) + 1
  }
  return {
    kind: 'job',
    label: 'Jobs',
    path: '/jobs',
    total: items.length,
    more: cursor !== null,
    byState,
  }
}
