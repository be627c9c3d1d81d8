import type { Store } from '../../store/store.js'
import { type Clock, systemClock } from './clock.js'
import { MemoryBatchStore } from './memory-batches.js'
import { MemoryCallbackIndex } from './memory-callback-index.js'
import { MemoryEventsStore } from './memory-events.js'
import { MemoryJobStore } from './memory-jobs.js'
import { MemoryQueueStore } from './memory-queues.js'
import { MemoryRegistryStore } from './memory-registry.js'
import { MemoryStageStore } from './memory-stages.js'
import { MemoryStatusStore } from './memory-statuses.js'

export interface MemoryStoreOptions {
  /** Time source for TTLs and timestamps; defaults to the system clock. */
  clock?: Clock
}

/**
 * The embedded store: everything in this process's memory. Share one instance between
 * several ledgers (`createLedger({ store })`) to model several workers in one process.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): Store {
  const clock = options.clock ?? systemClock
  const jobs = new MemoryJobStore(clock)
  const registry = new MemoryRegistryStore()
  const batches = new MemoryBatchStore(jobs.table)
  const stages = new MemoryStageStore(clock)
  const events = new MemoryEventsStore()
  const callbackIndex = new MemoryCallbackIndex()
  const statuses = new MemoryStatusStore(clock, events)
  const queues = new MemoryQueueStore(clock, events)
  return {
    name: 'memory',
    capabilities: { shared: false },
    jobs,
    batches,
    registry,
    stages,
    statuses,
    queues,
    events,
    callbackIndex,
    now: () => clock.now(),
    purge: async () =>
      [
        jobs.table.clear(),
        registry.clear(),
        stages.groups.clear(),
        statuses.records.clear(),
        queues.clear(),
        callbackIndex.clear(),
      ].reduce((sum, n) => sum + n, 0),
    close: () => queues.close(),
  }
}
