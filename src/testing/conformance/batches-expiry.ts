import { describe, expect, it } from 'vitest'
import type { StoreHarness } from './harness.js'
import { useNamespace } from './use-namespace.js'

/**
 * Every key of a job is refreshable from the job: its open batches' items live as long as
 * the job, whichever of its writes keeps it alive (a manual clock moves time).
 */
export function batchExpiryConformance(harness: StoreHarness): void {
  describe('batches: items live as long as their job', () => {
    const ns = useNamespace(harness, { manualClock: true })

    it("keeps a queued batch's items while other writes keep its job alive for three ttls", async () => {
      const job = ns.ledger.job(undefined, { ttlMs: 1_000 })
      await job.addBatch(['a', 'b', 'c'])
      await job.addBatch(['d'])
      await job.push('setup')
      await job.close()
      for (let step = 0; step < 10; step++) {
        ns.clock.advance(300)
        await job.push('setup')
        await ns.ledger.batch(job.token, 1).moveItems('pending', 'later', ['d'])
        await ns.ledger.batch(job.token, 1).moveItems('later', 'pending', ['d'])
      }
      const queued = ns.another().batch(job.token, 0)
      expect((await queued.items()).sort()).toEqual(['a', 'b', 'c'])
      const report = await ns
        .another()
        .tracker({ job: job.token, batch: 0 })
        .eachRecord(() => {})
      expect(report).toMatchObject({ processed: 3, batchDone: true, jobFinished: false })
      expect(await job.report()).toMatchObject({ items: 4, processed: 3, batchesDone: 1 })
    })

    it('keeps the items of a batch added after the last deadline move with the job', async () => {
      const job = ns.ledger.job(undefined, { ttlMs: 1_000 })
      await job.push('p')
      ns.clock.advance(600)
      await job.addBatch(['x'])
      for (let step = 0; step < 6; step++) {
        ns.clock.advance(400)
        await job.push(`q${step}`)
      }
      expect(await ns.ledger.batch(job.token, 0).items()).toEqual(['x'])
    })

    it('drops the items of every batch with their job once its deadline passes', async () => {
      const job = ns.ledger.job(undefined, { ttlMs: 1_000 })
      await job.addBatch(['a'])
      ns.clock.advance(1_500)
      await expect(ns.ledger.batch(job.token, 0).items()).rejects.toMatchObject({
        code: 'NOT_FOUND',
      })
      expect(await job.report()).toBeNull()
    })

    it('still reads a batch emptied by its own operations, and a settled one, as empty', async () => {
      const job = ns.ledger.job()
      await job.addBatch(['a'])
      const batch = ns.ledger.batch(job.token, 0)
      expect(await batch.removeSet('pending')).toBe(1)
      expect(await batch.items()).toEqual([])
      expect(await batch.complete()).toBe(false)
      expect(await batch.items()).toEqual([])
      expect(await batch.items('other')).toEqual([])
    })
  })
}
