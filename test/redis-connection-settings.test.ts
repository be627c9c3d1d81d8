// Redis-only: the settings of the connections a ledger opens or is given (timeouts, backoff,
// the logger, checks of a passed client) and what tick-writes.ts relies on in ioredis. The
// memory store opens no connections.
import { Cluster, Redis, type RedisOptions } from 'ioredis'
import { afterEach, describe, expect, it } from 'vitest'
import { createLedger, type Ledger } from '../src/index.js'
import { unsafeClientSettings } from '../src/stores/redis/client-checks.js'
import { ReconnectBackoff } from '../src/stores/redis/reconnect-strategy.js'
import { TickWrites } from '../src/stores/redis/tick-writes.js'
import { RecordingLogger } from './support/fault-tools.js'
import { testRedisUrl } from './support/redis-namespace.js'

const clients: (Redis | Cluster)[] = []
const ledgers: Ledger[] = []
afterEach(async () => {
  await Promise.all(ledgers.splice(0).map((ledger) => ledger.close()))
  for (const client of clients.splice(0)) client.disconnect()
})

function client(options: RedisOptions = {}): Redis {
  const made = new Redis(testRedisUrl(), { lazyConnect: true, ...options })
  clients.push(made)
  return made
}

const SAFE = { autoResendUnfulfilledCommands: false, socketTimeout: 5_000 }

describe('connection options', () => {
  it.each([
    { connection: { commandTimeoutMs: 0 } },
    { connection: { commandTimeoutMs: 1.5 } },
    { connection: { commandTimeoutMs: '5000' } },
    { connection: { maxReconnectDelayMs: 10 } },
    { connection: { reconnectMs: 100 } },
    { connection: 'fast' },
    { logger: { warn: () => {} } },
    { logger: 'console' },
  ])('refuses %j before anything is opened', (options) => {
    const refused = () => createLedger({ redis: testRedisUrl(), ...(options as object) })
    expect(refused).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }))
  })

  it('accepts console as a logger and the documented options', async () => {
    const ledger = createLedger({
      redis: testRedisUrl(),
      logger: console,
      connection: { commandTimeoutMs: 2_000, maxReconnectDelayMs: 500 },
    })
    ledgers.push(ledger)
    expect(await ledger.getStatus('none')).toBeNull()
  })
})

describe('reconnect backoff', () => {
  it('doubles from the initial delay up to the cap, jittered within the upper half', () => {
    const low = new ReconnectBackoff({ initialDelayMs: 50, maxDelayMs: 1000 }, () => 0)
    const high = new ReconnectBackoff({ initialDelayMs: 50, maxDelayMs: 1000 }, () => 1)
    const lows = Array.from({ length: 8 }, () => low.next())
    const highs = Array.from({ length: 8 }, () => high.next())
    expect(lows).toEqual([25, 50, 100, 200, 400, 500, 500, 500])
    expect(highs).toEqual([50, 100, 200, 400, 800, 1000, 1000, 1000])
    low.reset()
    expect([low.attempts, low.next()]).toEqual([0, 25])
  })
})

describe('clients the caller passes', () => {
  it('names what would make a passed client apply a write twice', () => {
    expect(unsafeClientSettings(client())).toEqual([
      expect.stringContaining('autoResendUnfulfilledCommands: false'),
      expect.stringContaining('socketTimeout'),
    ])
    expect(unsafeClientSettings(client({ reconnectOnError: () => 2, ...SAFE }))).toEqual([
      expect.stringContaining('reconnectOnError'),
    ])
    expect(unsafeClientSettings(client(SAFE))).toEqual([])
    const cluster = new Cluster([{ host: '127.0.0.1', port: 1 }], { lazyConnect: true })
    clients.push(cluster)
    expect(unsafeClientSettings(cluster).join(' ')).toContain('retryDelayOnFailover: 0')
  })

  it('warns through the logger once per unsafe client, and not for a safe one', () => {
    const logger = new RecordingLogger()
    const unsafe = client()
    for (let i = 0; i < 2; i++) ledgers.push(createLedger({ redis: unsafe, logger }))
    ledgers.push(createLedger({ redis: client(SAFE), logger }))
    expect(logger.messages('warn')).toHaveLength(1)
    expect(logger.messages('warn')[0]).toMatch(/unsafe for exactly-once writes: it resends/)
  })

  it('warns as a process warning when no logger is given', async () => {
    const warnings: Error[] = []
    const onWarning = (warning: Error) => warnings.push(warning)
    process.on('warning', onWarning)
    try {
      ledgers.push(createLedger({ redis: client() }))
      await new Promise((resolve) => setImmediate(resolve))
      expect(warnings.map((warning) => (warning as { code?: string }).code)).toEqual([
        'JOBLEDGER_UNSAFE_REDIS_CLIENT',
      ])
    } finally {
      process.off('warning', onWarning)
    }
  })
})

describe('tick writes', () => {
  // TickWrites corks `client.stream` for a tick: this fails if ioredis stops writing
  // commands synchronously to that public stream.
  it('sends the commands of one tick in a single socket write', async () => {
    const redis = client()
    await redis.connect()
    const stream = redis.stream
    const writes: number[] = []
    const write = stream.write.bind(stream)
    stream.write = ((...args: Parameters<typeof write>) => {
      writes.push(stream.writableCorked)
      return write(...args)
    }) as typeof stream.write
    new TickWrites(redis).gather()
    const replies = Promise.all([redis.ping(), redis.call('ECHO', 'a'), redis.ping()])
    expect(writes).toEqual([1, 1, 1])
    expect(await replies).toEqual(['PONG', 'a', 'PONG'])
    expect(stream.writableCorked).toBe(0)
  })
})
