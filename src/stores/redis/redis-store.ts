import type { Clock } from '../../domain/clock.js'
import type { Store } from '../../store/store.js'
import type { RedisDriver } from './driver.js'
import { RedisKeys } from './keys.js'
import { RedisBatchStore } from './redis-batches.js'
import { RedisCallbackIndex } from './redis-callback-index.js'
import { RedisEventsStore } from './redis-events.js'
import { RedisJobScripts } from './redis-job-scripts.js'
import { RedisJobStore } from './redis-jobs.js'
import { deleteNamespace } from './redis-purge.js'
import { RedisQueueStore } from './redis-queues.js'
import { RedisRegistryStore } from './redis-registry.js'
import { RedisStageStore } from './redis-stages.js'
import { RedisStatusStore } from './redis-statuses.js'
import { ScriptClock } from './script-clock.js'

export interface RedisStoreOptions {
  /** Namespace of every key and channel; defaults to `jobledger`. */
  prefix?: string
  /** A test clock scripts judge time by instead of the server's TIME (see ScriptClock). */
  clock?: Clock
}

/** The production store: every unit's keys share a hash tag, every write is one script call. */
export function createRedisStore(driver: RedisDriver, options: RedisStoreOptions = {}): Store {
  const keys = new RedisKeys(options.prefix ?? 'jobledger')
  const clock = new ScriptClock(options.clock ?? null)
  const now = () => clock.now()
  const queues = new RedisQueueStore(driver, keys, clock)
  const jobScripts = new RedisJobScripts(driver, keys, clock)
  const jobs = new RedisJobStore(driver, keys, jobScripts)
  return {
    name: 'redis',
    capabilities: { shared: true },
    jobs,
    batches: new RedisBatchStore(driver, keys, jobScripts, jobs),
    registry: new RedisRegistryStore(driver, keys),
    stages: new RedisStageStore(driver, keys, clock),
    statuses: new RedisStatusStore(driver, keys, clock),
    queues,
    events: new RedisEventsStore(driver, keys),
    callbackIndex: new RedisCallbackIndex(driver, keys),
    now,
    purge: () => deleteNamespace(driver, keys),
    close: async () => {
      await queues.close()
      await driver.close()
    },
  }
}
