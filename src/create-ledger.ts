import { optionsOf } from './domain/options.js'
import { Ledger } from './ledger.js'
import {
  type LedgerOptions,
  redisConnectionSettings,
  validateLedgerOptions,
} from './ledger-options.js'
import { createMemoryStore } from './stores/memory/memory-store.js'
import { driverFor } from './stores/redis/driver-for.js'
import { validatePrefix } from './stores/redis/keys.js'
import { createRedisStore } from './stores/redis/redis-store.js'

export { countOpenLedgers } from './open-ledgers.js'

/**
 * Creates a ledger over the embedded store, a Redis URL or connection, or a given store.
 *
 * @example
 * const ledger = createLedger()                                   // embedded, in-process
 * const ledger = createLedger({ redis: 'redis://127.0.0.1:6379' }) // shared, production
 */
export function createLedger(options: LedgerOptions = {}): Ledger {
  options = optionsOf(options, 'createLedger options')
  validateLedgerOptions(options)
  if (options.store) return new Ledger(options.store, false, options)
  const clock = options.clock === undefined ? {} : { clock: options.clock }
  if (options.redis === undefined) return new Ledger(createMemoryStore(clock), true, options)
  if (options.prefix !== undefined) validatePrefix(options.prefix)
  const driver = driverFor(options.redis, options.redisDriver, redisConnectionSettings(options))
  const prefix = options.prefix === undefined ? {} : { prefix: options.prefix }
  return new Ledger(createRedisStore(driver, { ...prefix, ...clock }), true, options)
}
