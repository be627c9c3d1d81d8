// Redis-only: behaviour of the connection seam (script cache, unreachable servers, who owns
// a connection) that has no counterpart in the memory store.
import { Redis } from 'ioredis'
import { afterEach, describe, expect, it } from 'vitest'
import { createLedger, type Ledger } from '../src/index.js'
import { freePort } from '../src/testing/index.js'
import { deletePrefix, testRedisUrl } from './support/redis-namespace.js'
import { assertOneSlot } from './support/slot-checking-driver.js'

const opened: Ledger[] = []
const clients: Redis[] = []
function ledgerFor(options: Parameters<typeof createLedger>[0]): Ledger {
  const ledger = createLedger(options)
  opened.push(ledger)
  return ledger
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((ledger) => ledger.close()))
  await Promise.all(clients.splice(0).map((client) => client.quit()))
})

describe('redis connection', () => {
  it('falls back to EVAL when the server has forgotten the scripts', async () => {
    const admin = new Redis(testRedisUrl())
    clients.push(admin)
    const ledger = ledgerFor({ redis: testRedisUrl(), prefix: 'noscript' })
    const job = ledger.job()
    await job.push('a')
    await admin.script('FLUSH')
    await job.close()
    expect(await job.done('a')).toBe(true)
    await deletePrefix(testRedisUrl(), 'noscript')
  })

  it('reports an unreachable server as STORE_UNAVAILABLE with the password masked', async () => {
    const port = await freePort()
    const ledger = ledgerFor({ redis: `redis://worker:s3cret@127.0.0.1:${port}` })
    const error = await ledger
      .job('x')
      .count()
      .catch((caught: unknown) => caught)
    expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE' })
    expect((error as Error).message).toContain(`redis://worker:***@127.0.0.1:${port}`)
    expect((error as Error).message).not.toContain('s3cret')
  })

  it('uses a connection the caller made and leaves it open on close', async () => {
    const client = new Redis(testRedisUrl())
    clients.push(client)
    const ledger = createLedger({ redis: client, prefix: 'owned' })
    await ledger.job('a').push('1')
    await ledger.close()
    expect(await client.ping()).toBe('PONG')
    expect(await client.exists('owned:job:{a}:state')).toBe(1)
    await deletePrefix(testRedisUrl(), 'owned')
  })

  it('answers CLOSED for calls after the ledger was closed', async () => {
    const ledger = createLedger({ redis: testRedisUrl(), prefix: 'closed' })
    await ledger.close()
    await expect(ledger.job('a').count()).rejects.toMatchObject({ code: 'CLOSED' })
  })

  it('rejects a prefix that could break the key layout', () => {
    for (const prefix of ['', 'a{b}', 'has space', 'x'.repeat(65)]) {
      expect(() => createLedger({ redis: testRedisUrl(), prefix })).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      )
    }
  })

  it('has a slot check that fails for keys in two slots', () => {
    expect(() => assertOneSlot('demo', ['p:job:{a}:state', 'p:job:{a}:bits'])).not.toThrow()
    expect(() => assertOneSlot('demo', ['p:job:{a}:state', 'p:job:{b}:state'])).toThrow(
      /2 cluster slots/,
    )
  })
})
