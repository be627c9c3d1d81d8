import { InvalidArgumentError } from '../../errors/jobledger-error.js'
import type { DashboardApp, DashboardContext } from '../face.js'

const KINDS = new Set(['job', 'group', 'queue'])

/** GET /api/diagnose/:id?kind=job   why the unit is not over yet (ledger.diagnose). */
export function diagnoseApi(api: DashboardApp, context: DashboardContext): void {
  api.get('/diagnose/:id', async (c) => {
    const kind = c.req.query('kind')
    if (kind !== undefined && !KINDS.has(kind))
      throw new InvalidArgumentError(
        `kind must be job, group or queue, got ${JSON.stringify(kind)}.`,
      )
    const options = kind === undefined ? {} : { kind: kind as 'job' | 'group' | 'queue' }
    return c.json(await context.ledger.diagnose(c.req.param('id'), options))
  })
}
