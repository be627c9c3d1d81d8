import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { createLedger, type Ledger, type LedgerOptions } from '../../src/index.js'
import { connectionSettings } from '../../src/stores/redis/connection-options.js'
import type { RedisDriver } from '../../src/stores/redis/driver.js'
import { connectIoredis } from '../../src/stores/redis/ioredis-driver.js'
import { type RunningRedis, startRedisServer } from '../../src/testing/redis-server.js'
import { FaultProxy } from './fault-proxy.js'
import { type RecordingLogger, summarize } from './fault-tools.js'

/** The command timeout of the ledgers and drivers a fault test opens. */
export const TIMEOUT_MS = 400
/** How long a bounded call may take on a loaded 2-core box; measured figures are far lower. */
export const BOUND_MS = TIMEOUT_MS + 1_500
export const UNAVAILABLE = { code: 'STORE_UNAVAILABLE' }

export interface FaultFixture {
  /** The private redis-server behind the proxy. */
  readonly redis: RunningRedis
  /** A direct connection to it (not through the proxy), to check what Redis really holds. */
  readonly admin: Redis
  /** The proxy of the running test (startProxy makes it). */
  readonly proxy: FaultProxy
  startProxy(): Promise<FaultProxy>
  /** A driver with the fault timeout, closed after the test. */
  driverVia(url: string, logger?: RecordingLogger): RedisDriver
  /** A ledger with the fault timeout and its own prefix, closed after the test. */
  ledgerVia(url: string, options?: LedgerOptions): Ledger
  /** Keeps a measured figure; printed per name when FAULT_TRIALS is set. */
  record(name: string, ms: number): void
}

/**
 * The hooks of a fault test file: a private redis-server for the file, a fresh proxy per test,
 * and every ledger, driver and proxy of a test closed after it.
 */
export function useFaultFixture(): FaultFixture {
  let redis: RunningRedis | null = null
  let admin: Redis | null = null
  let proxy: FaultProxy | null = null
  const drivers: RedisDriver[] = []
  const ledgers: Ledger[] = []
  const figures: Record<string, number[]> = {}
  beforeAll(async () => {
    redis = await startRedisServer()
    admin = new Redis(redis.url)
  })
  afterAll(async () => {
    await admin?.quit()
    await redis?.stop()
    if (!process.env.FAULT_TRIALS) return
    for (const [name, values] of Object.entries(figures)) {
      console.info(`fault figure ${name}: ${JSON.stringify(summarize(values))} ms`)
    }
  })
  afterEach(async () => {
    await Promise.all(ledgers.splice(0).map((ledger) => ledger.close()))
    await Promise.all(drivers.splice(0).map((driver) => driver.close()))
    await proxy?.close()
  })
  const fixture: FaultFixture = {
    get redis() {
      return redis!
    },
    get admin() {
      return admin!
    },
    get proxy() {
      return proxy!
    },
    async startProxy() {
      proxy = await FaultProxy.start(fixture.redis.port)
      return proxy
    },
    driverVia(url, logger) {
      const driver = connectIoredis(
        url,
        connectionSettings({ commandTimeoutMs: TIMEOUT_MS }, logger),
      )
      drivers.push(driver)
      return driver
    },
    ledgerVia(url, options = {}) {
      const ledger = createLedger({
        redis: url,
        prefix: `f${Math.random().toString(36).slice(2, 10)}`,
        connection: { commandTimeoutMs: TIMEOUT_MS },
        ...options,
      })
      ledgers.push(ledger)
      return ledger
    },
    record(name, ms) {
      const values = figures[name] ?? []
      values.push(ms)
      figures[name] = values
    },
  }
  return fixture
}
