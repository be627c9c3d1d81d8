// Redis-only: network faults between the ledger and Redis (lost replies, stalls, resets,
// refused connections), injected by a TCP proxy. The memory store has no network to fail.
import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createDashboard, createLedger, type Ledger, type LedgerOptions } from '../../src/index.js'
import { connectionSettings } from '../../src/stores/redis/connection-options.js'
import type { RedisDriver } from '../../src/stores/redis/driver.js'
import { connectIoredis, wrapIoredis } from '../../src/stores/redis/ioredis-driver.js'
import { type RunningRedis, startRedisServer } from '../../src/testing/redis-server.js'
import { eventually } from '../../src/testing/wait.js'
import { FaultProxy } from '../support/fault-proxy.js'
import {
  FAULT_TRIALS,
  msUntilSuccess,
  RecordingLogger,
  summarize,
  timed,
} from '../support/fault-tools.js'

const TIMEOUT_MS = 400
/** Generous for a loaded 2-core box; the figures measured are printed with FAULT_TRIALS. */
const BOUND_MS = TIMEOUT_MS + 1_500
const UNAVAILABLE = { code: 'STORE_UNAVAILABLE' }

let redis: RunningRedis
let admin: Redis
let proxy: FaultProxy
const drivers: RedisDriver[] = []
const ledgers: Ledger[] = []
const figures: Record<string, number[]> = {}

beforeAll(async () => {
  redis = await startRedisServer()
  admin = new Redis(redis.url)
})

afterAll(async () => {
  await admin.quit()
  await redis.stop()
  if (process.env.FAULT_TRIALS) {
    for (const [name, values] of Object.entries(figures)) {
      console.info(`fault figure ${name}: ${JSON.stringify(summarize(values))} ms`)
    }
  }
})

afterEach(async () => {
  await Promise.all(ledgers.splice(0).map((ledger) => ledger.close()))
  await Promise.all(drivers.splice(0).map((driver) => driver.close()))
  await proxy?.close()
})

async function startProxy(): Promise<FaultProxy> {
  proxy = await FaultProxy.start(redis.port)
  return proxy
}

function driverVia(url: string, logger?: RecordingLogger): RedisDriver {
  const settings = connectionSettings({ commandTimeoutMs: TIMEOUT_MS }, logger)
  const driver = connectIoredis(url, settings)
  drivers.push(driver)
  return driver
}

function ledgerVia(url: string, options: LedgerOptions = {}): Ledger {
  const ledger = createLedger({
    redis: url,
    prefix: `f${Math.random().toString(36).slice(2, 10)}`,
    connection: { commandTimeoutMs: TIMEOUT_MS },
    ...options,
  })
  ledgers.push(ledger)
  return ledger
}

function record(name: string, ms: number): void {
  const values = figures[name] ?? []
  values.push(ms)
  figures[name] = values
}

describe('no automatic resend', () => {
  it('applies a command whose reply was lost exactly once and calls the failure ambiguous', async () => {
    for (let trial = 0; trial < FAULT_TRIALS; trial++) {
      const key = `resend:${trial}:${Date.now()}`
      const driver = driverVia((await startProxy()).url)
      await driver.command('PING', [])
      await proxy.setMode({ kind: 'hold' })
      const increment = driver.command('INCR', [key])
      await eventually(async () => (await admin.get(key)) === '1', 'Redis ran the INCR')
      proxy.reset()
      await expect(increment).rejects.toMatchObject({
        ...UNAVAILABLE,
        details: { ambiguous: true },
      })
      await proxy.setMode({ kind: 'forward' })
      // A resend would travel before this PING on the new connection.
      await msUntilSuccess(() => driver.command('PING', []), 2_000)
      expect(await admin.get(key)).toBe('1')
      expect(await driver.command('GET', [key])).toBe('1')
      await driver.close()
      await proxy.close()
    }
  })

  it('says a command refused before it was sent is not ambiguous', async () => {
    const logger = new RecordingLogger()
    const driver = driverVia((await startProxy()).url, logger)
    await driver.command('PING', [])
    await proxy.setMode({ kind: 'refuse' })
    await eventually(
      () => logger.messages('warn').includes('Redis connection lost'),
      'the loss is seen',
    )
    const error = await driver.command('INCR', ['never']).catch((caught: unknown) => caught)
    expect(error).toMatchObject({ ...UNAVAILABLE, details: { ambiguous: false } })
    expect((error as Error).message).toContain('check that it runs and the URL is right')
    expect(await admin.exists('never')).toBe(0)
  })
})

describe('every call is bounded by the command timeout', () => {
  it('fails a call on a blackholed connection within the timeout, as ambiguous', async () => {
    const driver = driverVia((await startProxy()).url)
    await driver.command('PING', [])
    await proxy.setMode({ kind: 'blackhole' })
    const { ms, error } = await timed(() => driver.command('INCR', ['blackholed']))
    expect(error).toMatchObject({ ...UNAVAILABLE, details: { ambiguous: true } })
    expect(ms).toBeLessThan(BOUND_MS)
    record('blackholed call fails', ms)
  })

  it('fails the first call of a new ledger whose Redis never answers', async () => {
    await (await startProxy()).setMode({ kind: 'blackhole' })
    const ledger = ledgerVia(proxy.url)
    const { ms, error } = await timed(() => ledger.getStatus('first'))
    expect(error).toMatchObject({ ...UNAVAILABLE, details: { ambiguous: false } })
    expect(ms).toBeLessThan(BOUND_MS)
    record('first call, blackholed', ms)
  })

  it('fails a blocking pop whose connection stalls while it waits', async () => {
    const ledger = ledgerVia((await startProxy()).url)
    const queue = ledger.queue('stalled')
    await queue.counts()
    const blocked = async () =>
      Number(/blocked_clients:(\d+)/.exec(await admin.info('clients'))?.[1])
    const pop = timed(() => queue.popAndStart({ timeoutMs: 300 }))
    await eventually(async () => (await blocked()) === 1, 'the pop blocks in Redis')
    await proxy.setMode({ kind: 'blackhole' })
    const { ms, error } = await pop
    expect(error).toMatchObject(UNAVAILABLE)
    expect(ms).toBeLessThan(300 + BOUND_MS)
  })

  it('closes a ledger whose connection stalls, within the timeout', async () => {
    const ledger = createLedger({
      redis: (await startProxy()).url,
      connection: { commandTimeoutMs: TIMEOUT_MS },
    })
    await ledger.getStatus('x')
    await proxy.setMode({ kind: 'blackhole' })
    const { ms, error } = await timed(() => ledger.close())
    expect(error).toBeNull()
    expect(ms).toBeLessThan(BOUND_MS)
    record('close, blackholed', ms)
  })

  it('bounds calls on a client the caller passed', async () => {
    const client = new Redis((await startProxy()).url, {
      autoResendUnfulfilledCommands: false,
      socketTimeout: 5_000,
    })
    const ledger = createLedger({ redis: client, connection: { commandTimeoutMs: TIMEOUT_MS } })
    try {
      await ledger.getStatus('x')
      await proxy.setMode({ kind: 'blackhole' })
      const { ms, error } = await timed(() => ledger.getStatus('x'))
      expect(error).toMatchObject({ ...UNAVAILABLE, details: { ambiguous: true } })
      expect(ms).toBeLessThan(BOUND_MS)
    } finally {
      await ledger.close()
      client.disconnect()
    }
  })

  it('leaves no command in the offline queue of a passed client past the timeout', async () => {
    const client = new Redis((await startProxy()).url, {
      autoResendUnfulfilledCommands: false,
      socketTimeout: 5_000,
      retryStrategy: () => 20,
    })
    client.on('error', () => {}) // the caller's client: its errors are the caller's to log
    const driver = wrapIoredis(client, connectionSettings({ commandTimeoutMs: TIMEOUT_MS }))
    try {
      await driver.command('PING', [])
      await proxy.setMode({ kind: 'refuse' })
      await eventually(() => client.status === 'reconnecting', 'the client reconnects')
      const { error } = await timed(() => driver.command('INCR', ['offline']))
      expect(error).toMatchObject({ ...UNAVAILABLE, details: { ambiguous: false } })
      await proxy.setMode({ kind: 'forward' })
      await msUntilSuccess(() => driver.command('PING', []), 2_000)
      expect(await admin.exists('offline')).toBe(0)
    } finally {
      client.disconnect()
    }
  })

  it('answers a dashboard page with 503 while Redis stalls', async () => {
    const ledger = ledgerVia((await startProxy()).url)
    await ledger.getStatus('x')
    const app = createDashboard(ledger)
    try {
      await proxy.setMode({ kind: 'blackhole' })
      const started = performance.now()
      const response = await app.request('http://localhost/api/statuses/x')
      expect(response.status).toBe(503)
      expect(performance.now() - started).toBeLessThan(BOUND_MS)
    } finally {
      app.close()
    }
  })
})

describe('outages and recovery', () => {
  it('fails fast while Redis refuses connections and recovers soon after it accepts again', async () => {
    for (let trial = 0; trial < FAULT_TRIALS; trial++) {
      const logger = new RecordingLogger()
      const ledger = ledgerVia((await startProxy()).url, { logger })
      await ledger.getStatus('x')
      await proxy.setMode({ kind: 'refuse' })
      await eventually(() => logger.messages('warn').length > 0, 'the loss is seen')
      for (let call = 0; call < 5; call++) {
        const { ms, error } = await timed(() => ledger.getStatus('x'))
        expect(error).toMatchObject({ ...UNAVAILABLE, details: { ambiguous: false } })
        expect(ms).toBeLessThan(BOUND_MS)
        record('call during a refused outage', ms)
      }
      await proxy.setMode({ kind: 'forward' })
      const recovery = await msUntilSuccess(() => ledger.getStatus('x'), 5_000)
      expect(recovery).toBeLessThan(1_000)
      record('first success after refuse ends', recovery)
      await ledger.close()
      await proxy.close()
    }
  })

  it('after a long outage, answers the first call at once and resumes events within the backoff cap', async () => {
    const logger = new RecordingLogger()
    const connection = { commandTimeoutMs: TIMEOUT_MS, maxReconnectDelayMs: 200 }
    const ledger = ledgerVia((await startProxy()).url, { logger, connection })
    const queue = ledger.queue('outage')
    const seen: string[] = []
    const stop = await queue.on('stateChanged', (change) => seen.push(change.id))
    await proxy.setMode({ kind: 'refuse' })
    const retries = () =>
      logger.entries.filter(
        (e) => e.message === 'reconnecting' && e.context.connection === 'subscriber',
      )
    await eventually(() => retries().length >= 6, 'the subscriber backs off to the cap')
    expect(retries().every((entry) => Number(entry.context.delayMs) <= 200)).toBe(true)
    await proxy.setMode({ kind: 'forward' })
    const started = performance.now()
    record('first success after a long outage', await msUntilSuccess(() => queue.counts(), 5_000))
    await eventually(async () => {
      await queue.createAndPush({}).catch(() => {})
      return seen.length > 0
    }, 'events arrive again')
    const eventsBack = performance.now() - started
    expect(eventsBack).toBeLessThan(200 + BOUND_MS)
    record('events back after a long outage', eventsBack)
    await stop()
  })

  it('reports the lost connection and its recovery to the logger', async () => {
    const logger = new RecordingLogger()
    const ledger = ledgerVia((await startProxy()).url, { logger })
    await ledger.getStatus('x')
    proxy.reset()
    await msUntilSuccess(() => ledger.getStatus('x'), 5_000)
    expect(logger.messages('warn')).toContain('Redis connection lost')
    await eventually(
      () => logger.messages('info').includes('Redis connection restored'),
      'recovery is logged',
    )
    const restored = logger.entries.find((entry) => entry.message === 'Redis connection restored')
    expect(restored?.context).toMatchObject({ connection: 'commands', address: proxy.url })
  })

  it('keeps a subscription across a reset connection', async () => {
    const ledger = ledgerVia((await startProxy()).url)
    const queue = ledger.queue('events')
    const seen: string[] = []
    const stop = await queue.on('stateChanged', (change) => seen.push(change.id))
    proxy.reset()
    await eventually(async () => {
      await queue.createAndPush({}).catch(() => {})
      return seen.length > 0
    }, 'an event after the reset arrives')
    await stop()
  })

  it('works through latency and fragmented writes', async () => {
    // Slow on purpose (a script's text in 3-byte writes): the timeout is not what is tested.
    const ledger = ledgerVia((await startProxy()).url, { connection: { commandTimeoutMs: 30_000 } })
    await proxy.setMode({ kind: 'fragment', bytes: 3 })
    const job = ledger.job()
    await job.pushEach(['a', 'b', 'c'], () => {})
    await proxy.setMode({ kind: 'latency', ms: 30 })
    expect(await job.done(0)).toBe(false)
    expect(await job.summary()).toMatchObject({ total: 3, open: 2 })
  })
})
