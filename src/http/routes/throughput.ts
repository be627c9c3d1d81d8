import { InvalidArgumentError } from '../../errors/jobledger-error.js'
import type { DashboardApp, DashboardContext } from '../face.js'
import { THROUGHPUT_RANGES, type ThroughputRange } from '../live/throughput-history.js'
import { throughputOf } from '../live/throughput-source.js'

/**
 * GET /api/throughput?range=5m|1h   items and parts settled per second in this dashboard
 *                                    process: 60 points oldest first, { at, itemsPerSecond,
 *                                    partsPerSecond } (null where no page was open to sample)
 */
export function throughputApi(api: DashboardApp, context: DashboardContext): void {
  api.get('/throughput', (c) => {
    const range = throughputRange(c.req.query('range') ?? '5m')
    const { bucketMs } = THROUGHPUT_RANGES[range]
    return c.json({ range, bucketMs, points: throughputOf(context.ledger).points(range) })
  })
}

export function throughputRange(text: string): ThroughputRange {
  if (Object.hasOwn(THROUGHPUT_RANGES, text)) return text as ThroughputRange
  throw new InvalidArgumentError(
    `range must be one of ${Object.keys(THROUGHPUT_RANGES).join(', ')}, got ${JSON.stringify(text)}.`,
  )
}
