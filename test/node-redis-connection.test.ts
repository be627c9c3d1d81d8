// Redis-only: the node-redis driver's connection seam (script cache, deadlines, ambiguity,
// reconnects, who owns a connection, how createLedger picks the driver), which has no
// counterpart in the memory store. The shared behaviour runs in conformance.node-redis*.
import { createClient } from 'redis'
import { afterEach, describe, expect, it } from 'vitest'
import { createLedger, type Ledger } from '../src/index.js'
import { connectNodeRedis } from '../src/stores/redis/node-redis-driver.js'
import { reconnectDelayMs } from '../src/stores/redis/node-redis-open.js'
import { createRedisStore } from '../src/stores/redis/redis-store.js'
import { eventually, freePort } from '../src/testing/index.js'
import { nodeRedisCluster } from './support/node-redis-namespace.js'
import { deletePrefix, testRedisUrl } from './support/redis-namespace.js'
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.js'

const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function ledgerOn(url: string, prefix: string, commandTimeoutMs?: number): Ledger {
  const options = commandTimeoutMs === undefined ? {} : { commandTimeoutMs }
  const store = createRedisStore(connectNodeRedis(url, options), { prefix })
  // One attempt per write: these cases test the driver, not the ledger's retry with an opId.
  const ledger = createLedger({ store, retry: { attempts: 1 } })
  cleanups.push(
    () => store.close(),
    () => ledger.close(),
  )
  return ledger
}

async function proxy(): Promise<TcpProxy> {
  const { hostname, port } = new URL(testRedisUrl())
  const started = await startTcpProxy({ host: hostname, port: Number(port) })
  cleanups.push(() => started.close())
  return started
}

function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => 'resolved',
    (error: unknown) => error,
  )
}

describe('node-redis driver', () => {
  it('falls back to EVAL when the server has forgotten the scripts', async () => {
    const admin = createClient({ url: testRedisUrl() })
    await admin.connect()
    cleanups.push(() => admin.close())
    const ledger = ledgerOn(testRedisUrl(), 'nrnoscript')
    cleanups.push(() => deletePrefix(testRedisUrl(), 'nrnoscript'))
    const job = ledger.job()
    await job.push('a', 'b')
    await admin.sendCommand(['SCRIPT', 'FLUSH'])
    await job.close()
    expect(await job.done('a')).toBe(false)
    expect(await job.done('b')).toBe(true)
    expect(await job.summary()).toMatchObject({ succeeded: 2, open: 0 })
  })

  it('falls back to EVAL on every master of a cluster that forgot the scripts', async () => {
    const cluster = nodeRedisCluster(3)
    await cluster.connect()
    cleanups.push(() => cluster.close())
    const ledger = createLedger({ redis: cluster, prefix: 'nrnoscriptc' })
    cleanups.push(
      () => ledger.close(),
      () => ledger.cleaner.purgeAll(),
    )
    await ledger.job('warm').push('x')
    for (const master of cluster.masters) {
      await (await cluster.nodeClient(master)).sendCommand(['SCRIPT', 'FLUSH'])
    }
    const job = ledger.job('after-flush')
    await job.push('only')
    await job.close()
    expect(await job.done('only')).toBe(true)
  })

  it('reports an unreachable server within the command timeout, unambiguously, password masked', async () => {
    const port = await freePort()
    const ledger = ledgerOn(`redis://worker:s3cret@127.0.0.1:${port}`, 'nrdown', 200)
    const error = await failureOf(ledger.job('x').count())
    expect(error).toMatchObject({
      code: 'STORE_UNAVAILABLE',
      details: { ambiguous: false, address: `redis://worker:***@127.0.0.1:${port}` },
    })
    expect((error as Error).message).not.toContain('s3cret')
  })

  it('bounds a call whose reply never comes and calls it ambiguous', async () => {
    const held = await proxy()
    const ledger = ledgerOn(held.url, 'nrheld', 300)
    cleanups.push(() => deletePrefix(testRedisUrl(), 'nrheld'))
    await ledger.job('j').push('1')
    held.hold()
    const error = await failureOf(ledger.job('j').done('1'))
    expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE', details: { ambiguous: true } })
    expect((error as Error).message).toContain('may or may not have run')
  })

  it('never writes an unanswered command again after a reconnect', async () => {
    const held = await proxy()
    const ledger = ledgerOn(held.url, 'nrreset', 2_000)
    cleanups.push(() => deletePrefix(testRedisUrl(), 'nrreset'))
    const job = ledger.job('j')
    await job.push('a', 'b')
    held.hold()
    const pending = failureOf(job.push('c'))
    await eventually(() => held.heldBytes() > 0, 'the push was written to the socket')
    held.reset()
    held.release()
    expect(await pending).toMatchObject({ code: 'STORE_UNAVAILABLE', details: { ambiguous: true } })
    await eventually(async () => (await job.count().catch(() => -1)) === 2, 'reconnected', 5_000)
    expect(await job.isOpenPart('c')).toBe(false)
  })

  it('uses a client the caller made, connecting it if needed, and leaves it open on close', async () => {
    const client = createClient({ url: testRedisUrl() })
    cleanups.push(
      () => client.close(),
      () => deletePrefix(testRedisUrl(), 'nrowned'),
    )
    const ledger = createLedger({ redis: client, prefix: 'nrowned' })
    await ledger.job('a').push('1')
    await ledger.close()
    expect(await client.ping()).toBe('PONG')
    expect(await client.exists('nrowned:job:{a}:state')).toBe(1)
  })

  it("opens a URL with node-redis when redisDriver is 'node-redis'", async () => {
    const ledger = createLedger({
      redis: testRedisUrl(),
      redisDriver: 'node-redis',
      prefix: 'nrurl',
    })
    cleanups.push(
      () => deletePrefix(testRedisUrl(), 'nrurl'),
      () => ledger.close(),
    )
    await ledger.job('a').push('1')
    const queue = ledger.queue('q')
    await queue.createAndPush({ n: 1 })
    expect((await queue.popAndStart({ timeoutMs: 1000 }))?.data).toEqual({ n: 1 })
  })

  it('refuses an unknown redisDriver and one that contradicts the client given', () => {
    const client = createClient({ url: testRedisUrl() })
    expect(() => createLedger({ redis: testRedisUrl(), redisDriver: 'redis' as never })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    )
    expect(() => createLedger({ redis: client, redisDriver: 'ioredis' })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    )
  })

  it('spaces reconnect attempts 50 ms doubling up to the ceiling, with jitter', () => {
    const low = () => 0
    const high = () => 1
    expect([0, 1, 2, 3, 4, 5, 20].map((n) => reconnectDelayMs(n, 1000, high))).toEqual([
      50, 100, 200, 400, 800, 1000, 1000,
    ])
    expect([0, 5].map((n) => reconnectDelayMs(n, 1000, low))).toEqual([25, 500])
  })
})
