import { InvalidArgumentError } from '../../errors/jobledger-error.js'
import type { UnitKind } from '../../store/unit-ref.js'
import type { DashboardApp, DashboardContext } from '../face.js'

/**
 * GET /api/units?kind=job&limit=50&cursor=…   live units of one kind, newest first, from the
 * registry; pass the returned `cursor` to get the next page (null on the last one).
 */
export function unitsApi(api: DashboardApp, context: DashboardContext): void {
  api.get('/units', async (c) => {
    const kind = c.req.query('kind') as UnitKind | undefined
    if (kind === undefined)
      throw new InvalidArgumentError('Pass the kind of unit to list: ?kind=job.')
    const limit = parseLimit(c.req.query('limit'))
    const cursor = c.req.query('cursor') ?? null
    return c.json(await context.ledger.list({ kind, limit, cursor }))
  })
}

function parseLimit(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  if (!/^\d+$/.test(text))
    throw new InvalidArgumentError(
      `limit must be an integer from 1 to 1000, got ${JSON.stringify(text)}.`,
    )
  return Number(text)
}
