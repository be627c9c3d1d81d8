import { NotFoundError } from '../../errors/jobledger-error.js'
import type { DashboardApp, DashboardContext } from '../face.js'
import { apiHref, unitPath } from '../unit-links.js'

/**
 * GET /api/statuses/:id   the status exactly as `JSON.stringify(snapshot)` gives it,
 *                         e.g. {"status":"working","progress":50,"total":100,"step":"A"};
 *                         a status with a subject links it in a header (the body is the
 *                         status's own shape): `Link: </api/queues/q/items/7>; rel="subject"`
 * (list them with GET /api/units?kind=status)
 */
export function statusesApi(api: DashboardApp, context: DashboardContext): void {
  api.get('/statuses/:id', async (c) => {
    const id = c.req.param('id')
    const snap = await context.ledger.getStatus(id)
    if (!snap) throw new NotFoundError(`Status ${id} does not exist or has expired.`)
    if (snap.subject)
      c.header('Link', `<${apiHref(context, unitPath(snap.subject))}>; rel="subject"`)
    return c.json(snap.toJSON())
  })
}
