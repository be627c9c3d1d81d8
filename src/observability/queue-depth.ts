import type { QueueCounts } from '../domain/queue-item.js'
import { listUnits } from '../facades/listing.js'
import type { Store } from '../store/store.js'
import type { MeterLike } from './telemetry-types.js'

/** Queues read per observation at most (one listing page). */
export const MAX_QUEUES_OBSERVED = 1000

/** Items per state of each live queue (up to MAX_QUEUES_OBSERVED), from one listing page. */
export async function readQueueDepths(
  store: Store,
): Promise<{ queue: string; counts: QueueCounts }[]> {
  const { items } = await listUnits(store, { kind: 'queue', limit: MAX_QUEUES_OBSERVED })
  return items.map((item) => ({ queue: item.id, counts: item.summary }))
}

/** The `jobledger.queue.depth` gauge: items per queue and state, read at each collection. */
export function observeQueueDepth(meter: MeterLike, store: Store): void {
  const gauge = meter.createObservableGauge('jobledger.queue.depth', {
    description: 'Items of each tracked queue, by state.',
  })
  gauge.addCallback(async (result) => {
    // An unreachable store shows as missing points (and in store.errors), not as a failed export.
    const depths = await readQueueDepths(store).catch(() => [])
    for (const { queue, counts } of depths) {
      for (const [state, value] of Object.entries(counts)) result.observe(value, { queue, state })
    }
  })
}
