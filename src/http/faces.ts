import type { DashboardFace } from './face.js'
import { batchesFace } from './faces/batches.js'
import { groupsFace } from './faces/groups.js'
import { jobsFace } from './faces/jobs.js'
import { queuesFace } from './faces/queues.js'
import { statusesFace } from './faces/statuses.js'
import { listLiveSource } from './live/list-source.js'
import { diagnoseApi } from './routes/diagnose.js'
import { failureReasonsApi } from './routes/failure-reasons.js'
import { queueActionsApi } from './routes/queue-actions.js'
import { throughputApi } from './routes/throughput.js'
import { unitsApi } from './routes/units.js'

/**
 * Every face the dashboard shows, in navigation order. A new face adds its routes
 * (routes/<face>.ts), pages (pages/<face>.tsx), live source and card in faces/<face>.ts,
 * and one line here.
 */
export const FACES: readonly DashboardFace[] = [
  { name: 'units', api: unitsApi, live: (ledger) => [listLiveSource(ledger)] },
  jobsFace,
  batchesFace,
  statusesFace,
  groupsFace,
  queuesFace,
  { name: 'queue-actions', api: queueActionsApi },
  { name: 'failure-reasons', api: failureReasonsApi },
  { name: 'throughput', api: throughputApi },
  { name: 'diagnose', api: diagnoseApi },
]
