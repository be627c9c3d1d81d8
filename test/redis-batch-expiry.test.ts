// Store-only: a Redis batch whose items hash is gone while its part is open (a refresh lost
// to a crash between a write and its refresh-batches follow-up, simulated by deleting the
// key) is refused by every batch operation. The memory store moves its batches with its job
// in one step, so it cannot lose them; batches-expiry.ts covers what both stores share.
import { Redis } from 'ioredis'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Ledger } from '../src/index.js'
import { RedisKeys } from '../src/stores/redis/keys.js'
import { redisNamespace } from './support/redis-namespace.js'

describe('redis batches whose items are gone', () => {
  let ns: Awaited<ReturnType<typeof redisNamespace>>
  let ledger: Ledger
  beforeEach(async () => {
    ns = await redisNamespace()
    ledger = ns.ledger()
  })
  afterEach(() => ns.close())

  async function loseItems(token: string, index: number): Promise<void> {
    const admin = new Redis(ns.url)
    await admin.del(new RedisKeys(ns.prefix).batchItems(token, index))
    await admin.quit()
  }

  it('refuses items, moveItems, removeSet, complete and the tracker with NOT_FOUND, writing nothing', async () => {
    const job = ledger.job()
    await job.addBatch(['a', 'b'])
    await job.close()
    await loseItems(job.token, 0)
    const batch = ledger.batch(job.token, 0)
    const gone = { code: 'NOT_FOUND', message: expect.stringMatching(/its items are gone/) }
    await expect(batch.items()).rejects.toMatchObject(gone)
    await expect(batch.moveItems('pending', 'x', ['a'])).rejects.toMatchObject(gone)
    await expect(batch.removeSet('pending')).rejects.toMatchObject(gone)
    await expect(batch.complete()).rejects.toMatchObject(gone)
    const tracker = ledger.tracker({ job: job.token, batch: 0 })
    await expect(tracker.eachRecord(() => {})).rejects.toMatchObject(gone)
    expect(await job.isOpenPart('batch-0')).toBe(true)
    expect(await job.report()).toMatchObject({ processed: 0, batchesDone: 0, finished: false })
  })
})
