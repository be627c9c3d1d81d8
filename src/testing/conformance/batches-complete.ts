import { describe, expect, it } from 'vitest'
import type { StoreHarness } from './harness.js'
import { useNamespace } from './use-namespace.js'

const TRACKERS = 6

/** Batch parts are settled only through batch operations, which always count the batch. */
export function batchCompleteConformance(harness: StoreHarness): void {
  describe('batches: completing and reserved parts', () => {
    const ns = useNamespace(harness)

    it('refuses push() of a batch part name with INVALID_ARGUMENT before any write', async () => {
      const job = ns.ledger.job()
      for (const parts of [['batch-0'], ['a', 'batch-12']]) {
        await expect(job.push(...parts)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
      }
      expect(await job.summary()).toBeNull()
      await job.push('batch-x', 'batch', 'my-batch-0')
      expect(await job.addBatch(['a'])).toEqual({ index: 0, items: 1 })
      expect(await job.addBatch(['b'])).toEqual({ index: 1, items: 1 })
    })

    it('refuses done() and fail() of a batch part, pointing to the tracker or complete()', async () => {
      const job = ns.ledger.job()
      const { index } = await job.addBatch(['a'])
      await job.close()
      await expect(job.done(`batch-${index}`)).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        message: expect.stringMatching(/tracker.*complete\(\)/),
      })
      await expect(job.fail(`batch-${index}`, 'no')).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      })
      expect(await job.isOpenPart(`batch-${index}`)).toBe(true)
      expect(await job.report()).toMatchObject({ batchesDone: 0, finished: false })
    })

    it('complete() settles the batch without a tracker: counts batchesDone, drops its items', async () => {
      const job = ns.ledger.job()
      await job.addBatch(['a', 'b'])
      await job.addBatch(['c'])
      await job.close()
      const first = ns.ledger.batch(job.token, 0)
      await first.moveItems('pending', 'later', ['a'])
      expect(await first.complete()).toBe(false)
      expect(await first.items()).toEqual([])
      expect(await first.items('later')).toEqual([])
      expect(await first.complete()).toBe(false)
      const second = ns.ledger.batch(job.token, 1)
      await second.removeSet('pending')
      expect(await second.complete()).toBe(true)
      expect(await second.complete()).toBe(false)
      expect(await job.report()).toMatchObject({
        items: 3,
        processed: 0,
        batches: 2,
        batchesDone: 2,
        finished: true,
      })
    })

    it('complete() of a batch a tracker settled changes nothing, and the reverse counts nothing', async () => {
      const job = ns.ledger.job()
      await job.addBatch(['a'])
      await job.addBatch(['b'])
      await ns.ledger.tracker({ job: job.token, batch: 0 }).eachRecord(() => {})
      expect(await ns.ledger.batch(job.token, 0).complete()).toBe(false)
      expect(await ns.ledger.batch(job.token, 1).complete()).toBe(false)
      const late = await ns.ledger.tracker({ job: job.token, batch: 1 }).eachRecord(() => {})
      expect(late).toMatchObject({ processed: 0, batchDone: false })
      expect(await job.report()).toMatchObject({ processed: 1, batchesDone: 2 })
    })

    it('complete() of a batch that was never added is NOT_FOUND', async () => {
      const job = ns.ledger.job()
      await expect(ns.ledger.batch(job.token, 0).complete()).rejects.toMatchObject({
        code: 'NOT_FOUND',
      })
      await job.addBatch(['a'])
      await expect(ns.ledger.batch(job.token, 1).complete()).rejects.toMatchObject({
        code: 'NOT_FOUND',
      })
    })

    it(`tells exactly one of ${TRACKERS} concurrent complete() calls that the job finished`, async () => {
      const job = ns.ledger.job()
      await job.addBatch(['a'])
      await job.close()
      const results = await Promise.all(
        Array.from({ length: TRACKERS }, () => ns.another().batch(job.token, 0).complete()),
      )
      expect(results.filter(Boolean)).toHaveLength(1)
      expect(await job.report()).toMatchObject({ batchesDone: 1, finished: true })
    })
  })
}
