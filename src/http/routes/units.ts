import { InvalidArgumentError } from '../../errors/jobledger-error.js'
import type { UnitKind } from '../../store/unit-ref.js'
import type { DashboardApp, DashboardContext } from '../face.js'
import { listOptionsOf } from '../list-query.js'

/**
 * GET /api/units?kind=job&limit=50&cursor=…&name=&state=&from=&to=&order=newest|oldest
 * live units of one kind from the registry's indexes: `name` a name prefix (any case),
 * `state` one of the kind's states, `from`/`to` creation times (ms or ISO, inclusive).
 * Pass the returned `cursor` to get the next page (null on the last one).
 */
export function unitsApi(api: DashboardApp, context: DashboardContext): void {
  api.get('/units', async (c) => {
    const kind = c.req.query('kind') as UnitKind | undefined
    if (kind === undefined)
      throw new InvalidArgumentError('Pass the kind of unit to list: ?kind=job.')
    return c.json(await context.ledger.list(listOptionsOf(kind, (name) => c.req.query(name))))
  })
}
