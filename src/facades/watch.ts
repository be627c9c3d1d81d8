import { StatusSnapshot } from '../domain/status-snapshot.js'
import { statusTopic } from '../domain/status-state.js'
import type { Store } from '../store/store.js'

export interface WatchOptions {
  /** Ends the iteration when aborted. */
  signal?: AbortSignal
}

/**
 * Snapshots of one status as it changes: the current one first (once it exists), then one per
 * change. Change notices only mark the status dirty and the snapshot is re-read, so a burst of
 * writes yields the latest state rather than every step, and the final state is never missed.
 * Ends when the consumer stops, the signal aborts or `stops` is run (on ledger.close()).
 */
export async function* watchStatus(
  store: Store,
  id: string,
  stops: Set<() => void>,
  options: WatchOptions = {},
): AsyncGenerator<StatusSnapshot, void, undefined> {
  let dirty = true
  let ended = false
  let wake: (() => void) | null = null
  const nudge = () => {
    wake?.()
    wake = null
  }
  const stop = () => {
    ended = true
    nudge()
  }
  const unsubscribe = await store.events.subscribe(statusTopic(id), () => {
    dirty = true
    nudge()
  })
  stops.add(stop)
  options.signal?.addEventListener('abort', stop)
  try {
    let seen: { createdAt: number; rev: number } | null = null
    while (!ended && !options.signal?.aborted) {
      if (!dirty) {
        await new Promise<void>((resolve) => {
          wake = resolve
        })
        continue
      }
      dirty = false
      const record = await store.statuses.readStatus(id)
      if (ended || record === null) continue
      if (seen && seen.createdAt === record.createdAt && seen.rev >= record.rev) continue
      seen = { createdAt: record.createdAt, rev: record.rev }
      yield new StatusSnapshot(id, record)
    }
  } finally {
    stops.delete(stop)
    options.signal?.removeEventListener('abort', stop)
    await unsubscribe()
  }
}
