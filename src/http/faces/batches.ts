import type { DashboardFace } from '../face.js'
import { batchesLiveSource } from '../live/batches-source.js'
import { batchesPages } from '../pages/batches.js'
import { batchesApi } from '../routes/batches.js'

/**
 * Jobs with batches: the report, the batches and the outcome lists of a job. The job page and
 * the jobs list (faces/jobs.ts) show the report; the live `job:` key carries it.
 */
export const batchesFace: DashboardFace = {
  name: 'batches',
  api: batchesApi,
  pages: batchesPages,
  live: (ledger) => [batchesLiveSource(ledger)],
}
