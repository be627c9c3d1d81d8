// Redis-only: outages between the ledger and Redis (refused connections, resets, slow or
// fragmented traffic), injected by a TCP proxy: calls fail fast and recover soon after, events
// resume. The memory store has no network to fail.
import { describe, expect, it } from 'vitest'
import { eventually } from '../../src/testing/wait.js'
import { BOUND_MS, TIMEOUT_MS, UNAVAILABLE, useFaultFixture } from '../support/fault-fixture.js'
import { FAULT_TRIALS, msUntilSuccess, RecordingLogger, timed } from '../support/fault-tools.js'

const f = useFaultFixture()

describe('outages and recovery', () => {
  it('fails fast while Redis refuses connections and recovers soon after it accepts again', async () => {
    for (let trial = 0; trial < FAULT_TRIALS; trial++) {
      const logger = new RecordingLogger()
      const ledger = f.ledgerVia((await f.startProxy()).url, { logger })
      await ledger.getStatus('x')
      await f.proxy.setMode({ kind: 'refuse' })
      await eventually(() => logger.messages('warn').length > 0, 'the loss is seen')
      for (let call = 0; call < 5; call++) {
        const { ms, error } = await timed(() => ledger.getStatus('x'))
        expect(error).toMatchObject({ ...UNAVAILABLE, details: { ambiguous: false } })
        expect(ms).toBeLessThan(BOUND_MS)
        f.record('call during a refused outage', ms)
      }
      await f.proxy.setMode({ kind: 'forward' })
      const recovery = await msUntilSuccess(() => ledger.getStatus('x'), 5_000)
      expect(recovery).toBeLessThan(1_000)
      f.record('first success after refuse ends', recovery)
      await ledger.close()
      await f.proxy.close()
    }
  })

  it('after a long outage, answers the first call at once and resumes events within the backoff cap', async () => {
    const logger = new RecordingLogger()
    const connection = { commandTimeoutMs: TIMEOUT_MS, maxReconnectDelayMs: 200 }
    const ledger = f.ledgerVia((await f.startProxy()).url, { logger, connection })
    const queue = ledger.queue('outage')
    const seen: string[] = []
    const stop = await queue.on('stateChanged', (change) => seen.push(change.id))
    await f.proxy.setMode({ kind: 'refuse' })
    const retries = () =>
      logger.entries.filter(
        (e) => e.message === 'reconnecting' && e.context.connection === 'subscriber',
      )
    await eventually(() => retries().length >= 6, 'the subscriber backs off to the cap')
    expect(retries().every((entry) => Number(entry.context.delayMs) <= 200)).toBe(true)
    await f.proxy.setMode({ kind: 'forward' })
    const started = performance.now()
    f.record('first success after a long outage', await msUntilSuccess(() => queue.counts(), 5_000))
    await eventually(async () => {
      await queue.createAndPush({}).catch(() => {})
      return seen.length > 0
    }, 'events arrive again')
    const eventsBack = performance.now() - started
    expect(eventsBack).toBeLessThan(200 + BOUND_MS)
    f.record('events back after a long outage', eventsBack)
    await stop()
  })

  it('reports the lost connection and its recovery to the logger', async () => {
    const logger = new RecordingLogger()
    const ledger = f.ledgerVia((await f.startProxy()).url, { logger })
    await ledger.getStatus('x')
    f.proxy.reset()
    await msUntilSuccess(() => ledger.getStatus('x'), 5_000)
    expect(logger.messages('warn')).toContain('Redis connection lost')
    await eventually(
      () => logger.messages('info').includes('Redis connection restored'),
      'recovery is logged',
    )
    const restored = logger.entries.find((entry) => entry.message === 'Redis connection restored')
    expect(restored?.context).toMatchObject({ connection: 'commands', address: f.proxy.url })
  })

  it('keeps a subscription across a reset connection', async () => {
    const ledger = f.ledgerVia((await f.startProxy()).url)
    const queue = ledger.queue('events')
    const seen: string[] = []
    const stop = await queue.on('stateChanged', (change) => seen.push(change.id))
    f.proxy.reset()
    await eventually(async () => {
      await queue.createAndPush({}).catch(() => {})
      return seen.length > 0
    }, 'an event after the reset arrives')
    await stop()
  })

  it('works through latency and fragmented writes', async () => {
    // Slow on purpose (a script's text in 3-byte writes): the timeout is not what is tested.
    const ledger = f.ledgerVia((await f.startProxy()).url, {
      connection: { commandTimeoutMs: 30_000 },
    })
    await f.proxy.setMode({ kind: 'fragment', bytes: 3 })
    const job = ledger.job()
    await job.pushEach(['a', 'b', 'c'], () => {})
    await f.proxy.setMode({ kind: 'latency', ms: 30 })
    expect(await job.done(0)).toBe(false)
    expect(await job.summary()).toMatchObject({ total: 3, open: 2 })
  })
})
