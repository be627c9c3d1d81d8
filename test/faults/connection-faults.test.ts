// Redis-only: network faults between the ledger and Redis (lost replies, stalls), injected by
// a TCP proxy: nothing is sent twice and every call is bounded. The memory store has no network.
import { Redis } from 'ioredis'
import { describe, expect, it } from 'vitest'
import { createDashboard } from '../../src/dashboard.js'
import { createLedger } from '../../src/index.js'
import { connectionSettings } from '../../src/stores/redis/connection-options.js'
import { wrapIoredis } from '../../src/stores/redis/ioredis-driver.js'
import { eventually } from '../../src/testing/wait.js'
import { BOUND_MS, TIMEOUT_MS, UNAVAILABLE, useFaultFixture } from '../support/fault-fixture.js'
import { FAULT_TRIALS, msUntilSuccess, RecordingLogger, timed } from '../support/fault-tools.js'

const f = useFaultFixture()

describe('no automatic resend', () => {
  it('applies a command whose reply was lost exactly once and calls the failure ambiguous', async () => {
    for (let trial = 0; trial < FAULT_TRIALS; trial++) {
      const key = `resend:${trial}:${Date.now()}`
      const driver = f.driverVia((await f.startProxy()).url)
      await driver.command('PING', [])
      await f.proxy.setMode({ kind: 'hold' })
      const increment = driver.command('INCR', [key])
      await eventually(async () => (await f.admin.get(key)) === '1', 'Redis ran the INCR')
      f.proxy.reset()
      await expect(increment).rejects.toMatchObject({
        ...UNAVAILABLE,
        details: { ambiguous: true },
      })
      await f.proxy.setMode({ kind: 'forward' })
      // A resend would travel before this PING on the new connection.
      await msUntilSuccess(() => driver.command('PING', []), 2_000)
      expect(await f.admin.get(key)).toBe('1')
      expect(await driver.command('GET', [key])).toBe('1')
      await driver.close()
      await f.proxy.close()
    }
  })

  it('says a command refused before it was sent is not ambiguous', async () => {
    const logger = new RecordingLogger()
    const driver = f.driverVia((await f.startProxy()).url, logger)
    await driver.command('PING', [])
    await f.proxy.setMode({ kind: 'refuse' })
    await eventually(
      () => logger.messages('warn').includes('Redis connection lost'),
      'the loss is seen',
    )
    const error = await driver.command('INCR', ['never']).catch((caught: unknown) => caught)
    expect(error).toMatchObject({ ...UNAVAILABLE, details: { ambiguous: false } })
    expect((error as Error).message).toContain('check that it runs and the URL is right')
    expect(await f.admin.exists('never')).toBe(0)
  })
})

describe('every call is bounded by the command timeout', () => {
  it('fails a call on a blackholed connection within the timeout, as ambiguous', async () => {
    const driver = f.driverVia((await f.startProxy()).url)
    await driver.command('PING', [])
    await f.proxy.setMode({ kind: 'blackhole' })
    const { ms, error } = await timed(() => driver.command('INCR', ['blackholed']))
    expect(error).toMatchObject({ ...UNAVAILABLE, details: { ambiguous: true } })
    expect(ms).toBeLessThan(BOUND_MS)
    f.record('blackholed call fails', ms)
  })

  it('fails the first call of a new ledger whose Redis never answers', async () => {
    await (await f.startProxy()).setMode({ kind: 'blackhole' })
    const ledger = f.ledgerVia(f.proxy.url)
    const { ms, error } = await timed(() => ledger.getStatus('first'))
    expect(error).toMatchObject({ ...UNAVAILABLE, details: { ambiguous: false } })
    expect(ms).toBeLessThan(BOUND_MS)
    f.record('first call, blackholed', ms)
  })

  it('fails a blocking pop whose connection stalls while it waits', async () => {
    const ledger = f.ledgerVia((await f.startProxy()).url)
    const queue = ledger.queue('stalled')
    await queue.counts()
    const blocked = async () =>
      Number(/blocked_clients:(\d+)/.exec(await f.admin.info('clients'))?.[1])
    const pop = timed(() => queue.popAndStart({ timeoutMs: 300 }))
    await eventually(async () => (await blocked()) === 1, 'the pop blocks in Redis')
    await f.proxy.setMode({ kind: 'blackhole' })
    const { ms, error } = await pop
    expect(error).toMatchObject(UNAVAILABLE)
    expect(ms).toBeLessThan(300 + BOUND_MS)
  })

  it('closes a ledger whose connection stalls, within the timeout', async () => {
    const ledger = createLedger({
      redis: (await f.startProxy()).url,
      connection: { commandTimeoutMs: TIMEOUT_MS },
    })
    await ledger.getStatus('x')
    await f.proxy.setMode({ kind: 'blackhole' })
    const { ms, error } = await timed(() => ledger.close())
    expect(error).toBeNull()
    expect(ms).toBeLessThan(BOUND_MS)
    f.record('close, blackholed', ms)
  })

  it('bounds calls on a client the caller passed', async () => {
    const client = new Redis((await f.startProxy()).url, {
      autoResendUnfulfilledCommands: false,
      socketTimeout: 5_000,
    })
    const ledger = createLedger({ redis: client, connection: { commandTimeoutMs: TIMEOUT_MS } })
    try {
      await ledger.getStatus('x')
      await f.proxy.setMode({ kind: 'blackhole' })
      const { ms, error } = await timed(() => ledger.getStatus('x'))
      expect(error).toMatchObject({ ...UNAVAILABLE, details: { ambiguous: true } })
      expect(ms).toBeLessThan(BOUND_MS)
    } finally {
      await ledger.close()
      client.disconnect()
    }
  })

  it('leaves no command in the offline queue of a passed client past the timeout', async () => {
    const client = new Redis((await f.startProxy()).url, {
      autoResendUnfulfilledCommands: false,
      socketTimeout: 5_000,
      retryStrategy: () => 20,
    })
    client.on('error', () => {}) // the caller's client: its errors are the caller's to log
    const driver = wrapIoredis(client, connectionSettings({ commandTimeoutMs: TIMEOUT_MS }))
    try {
      await driver.command('PING', [])
      await f.proxy.setMode({ kind: 'refuse' })
      await eventually(() => client.status === 'reconnecting', 'the client reconnects')
      const { error } = await timed(() => driver.command('INCR', ['offline']))
      expect(error).toMatchObject({ ...UNAVAILABLE, details: { ambiguous: false } })
      await f.proxy.setMode({ kind: 'forward' })
      await msUntilSuccess(() => driver.command('PING', []), 2_000)
      expect(await f.admin.exists('offline')).toBe(0)
    } finally {
      client.disconnect()
    }
  })

  it('answers a dashboard page with 503 while Redis stalls', async () => {
    const ledger = f.ledgerVia((await f.startProxy()).url)
    await ledger.getStatus('x')
    const app = createDashboard(ledger)
    try {
      await f.proxy.setMode({ kind: 'blackhole' })
      const started = performance.now()
      const response = await app.request('http://localhost/api/statuses/x')
      expect(response.status).toBe(503)
      expect(performance.now() - started).toBeLessThan(BOUND_MS)
    } finally {
      app.close()
    }
  })
})
