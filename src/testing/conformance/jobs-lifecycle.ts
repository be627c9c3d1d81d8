import { describe, expect, it } from 'vitest'
import { eventually } from '../wait.js'
import type { StoreHarness } from './harness.js'
import { useNamespace } from './use-namespace.js'

/** Stop, summary states and timestamps, TTL refresh and expiry. */
export function jobLifecycleConformance(harness: StoreHarness): void {
  describe('distributed job lifecycle', () => {
    const ns = useNamespace(harness)

    it('moves open -> closed -> finished with timestamps and outcome', async () => {
      const before = Date.now()
      const job = ns.ledger.job()
      await job.push('a')
      expect(await job.summary()).toMatchObject({
        token: job.token,
        state: 'open',
        outcome: null,
        finishedAt: null,
      })
      await job.close()
      expect((await job.summary())?.state).toBe('closed')
      await job.done('a')
      const summary = await job.summary()
      expect(summary).toMatchObject({
        state: 'finished',
        total: 1,
        open: 0,
        succeeded: 1,
        failed: 0,
        outcome: 'succeeded',
      })
      expect(summary?.createdAt).toBeGreaterThanOrEqual(before - 1000)
      expect(summary?.finishedAt).toBeGreaterThanOrEqual(
        summary?.createdAt ?? Number.POSITIVE_INFINITY,
      )
    })

    it('makes stop visible to every worker, with its reason', async () => {
      const job = ns.ledger.job()
      await job.push('a')
      const worker = ns.another().job(job.token)
      expect(await worker.isStopped()).toBe(false)
      expect(await job.stop({ reason: 'bad input file' })).toBe(true)
      expect(await worker.isStopped()).toBe(true)
      expect(await worker.summary()).toMatchObject({
        state: 'stopped',
        stopReason: 'bad input file',
      })
    })

    it('still settles parts of a stopped job and reports completion once', async () => {
      const job = ns.ledger.job()
      await job.push('a')
      await job.close()
      await job.stop()
      expect(await job.done('a')).toBe(true)
      expect(await job.summary()).toMatchObject({ state: 'finished', stopReason: null })
      expect(await job.isStopped()).toBe(true)
    })

    it('refuses to stop a job that does not exist, creating nothing', async () => {
      const job = ns.ledger.job('no-such-job')
      await expect(job.stop()).rejects.toMatchObject({ code: 'NOT_FOUND' })
      expect(await job.summary()).toBeNull()
    })

    it('refreshes the TTL of the job on every write', async () => {
      const token = ns.ledger.job().token
      const short = ns.ledger.job(token, { ttl: 100 })
      await short.push('a')
      await short.push('b')
      await short.push('c')
      const ttl = await short.expiresIn()
      expect(ttl).toBeGreaterThan(90)
      expect(ttl).toBeLessThanOrEqual(100)
      const writes = [
        (job: typeof short) => job.push('d'),
        (job: typeof short) => job.done('a'),
        (job: typeof short) => job.fail('b', 'x'),
        (job: typeof short) => job.stop(),
        (job: typeof short) => job.close(),
        (job: typeof short) => job.done('c'),
      ]
      for (const [i, write] of writes.entries()) {
        const ttlSeconds = 1_000 * (i + 2)
        await write(ns.ledger.job(token, { ttl: ttlSeconds }))
        expect(await short.expiresIn()).toBeGreaterThan(ttlSeconds - 10)
      }
    })

    it('does not refresh the TTL on reads', async () => {
      const job = ns.ledger.job(undefined, { ttl: 100 })
      await job.push('a')
      const reader = ns.ledger.job(job.token, { ttl: 5_000 })
      await reader.count()
      await reader.summary()
      await reader.isOpenPart('a')
      for await (const _ of reader.openParts()) {
      }
      expect(await job.expiresIn()).toBeLessThanOrEqual(100)
    })

    it('reads as empty after expiry, and done then recreates nothing', async () => {
      const job = ns.ledger.job(undefined, { ttl: 0.05 })
      await job.push('a')
      await job.close()
      await eventually(async () => (await job.summary()) === null, 'the job expires')
      expect(await job.count()).toBe(0)
      expect(await job.done('a')).toBe(false)
      expect(await job.summary()).toBeNull()
      expect(await job.expiresIn()).toBeNull()
    })
  })
}
