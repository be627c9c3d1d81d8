import { NotFoundError } from '../../errors/jobledger-error.js'
import type { DashboardApp, DashboardContext } from '../face.js'

/**
 * GET /api/statuses/:id   the status exactly as `JSON.stringify(snapshot)` gives it,
 *                         e.g. {"status":"working","progress":50,"total":100,"step":"A"}
 * (list them with GET /api/units?kind=status)
 */
export function statusesApi(api: DashboardApp, context: DashboardContext): void {
  api.get('/statuses/:id', async (c) => {
    const id = c.req.param('id')
    const snap = await context.ledger.getStatus(id)
    if (!snap) throw new NotFoundError(`Status ${id} does not exist or has expired.`)
    return c.json(snap.toJSON())
  })
}
