import { describe, expect, it } from 'vitest'
import type { StoreHarness } from './harness.js'
import { useNamespace } from './use-namespace.js'

const sorted = (ids: string[]) => [...ids].sort()

/** addBatch, addBatches and a batch's named item sets. */
export function batchItemsConformance(harness: StoreHarness): void {
  describe('batches: adding and item sets', () => {
    const ns = useNamespace(harness)

    it('numbers batches 0, 1, 2, stores their items as pending and pushes each as a part', async () => {
      const job = ns.ledger.job()
      expect(await job.addBatch(['a', 'b'])).toEqual({ index: 0, items: 2 })
      expect(await job.addBatch([17, 18, 17])).toEqual({ index: 1, items: 2 })
      expect(await job.addBatch(['c'])).toEqual({ index: 2, items: 1 })
      expect(sorted(await ns.ledger.batch(job.token, 0).items())).toEqual(['a', 'b'])
      expect(sorted(await ns.ledger.batch(job.token, 1).items('pending'))).toEqual(['17', '18'])
      expect(await job.isOpenPart('batch-1')).toBe(true)
      expect(await job.summary()).toMatchObject({ state: 'open', total: 3, open: 3 })
      expect(await job.report()).toEqual({
        items: 5,
        processed: 0,
        skipped: 0,
        errored: 0,
        missing: 0,
        batches: 3,
        batchesDone: 0,
        finished: false,
        stopped: false,
      })
    })

    it('reads the same batches from another connection', async () => {
      const job = ns.ledger.job()
      await job.addBatch(['x'])
      const other = ns.another().job(job.token)
      expect(await other.addBatch(['y'])).toEqual({ index: 1, items: 1 })
      expect(await job.addBatch(['z'])).toEqual({ index: 2, items: 1 })
      expect(await ns.ledger.batch(job.token, 1).items()).toEqual(['y'])
    })

    it('moves items between named sets and removes a set', async () => {
      const job = ns.ledger.job()
      const { index } = await job.addBatch(['a', 'b', 'c', 'd'])
      const batch = ns.ledger.batch(job.token, index)
      expect(batch.part).toBe(`batch-${index}`)
      expect(await batch.moveItems('pending', 'retry', ['a', 'c', 'zz'])).toBe(2)
      expect(await batch.moveItems('retry', 'retry', ['a'])).toBe(0)
      expect(await batch.moveItems('other', 'pending', ['a'])).toBe(0)
      expect(sorted(await batch.items('retry'))).toEqual(['a', 'c'])
      expect(sorted(await batch.items())).toEqual(['b', 'd'])
      expect(await batch.removeSet('retry')).toBe(2)
      expect(await batch.items('retry')).toEqual([])
      expect(await batch.removeSet('retry')).toBe(0)
      expect(sorted(await batch.items())).toEqual(['b', 'd'])
      expect(await batch.removeSet('pending')).toBe(2)
      expect(await batch.complete()).toBe(false)
      expect(await job.close()).toBe(true)
      expect(await job.report()).toMatchObject({ batchesDone: 1, finished: true })
    })

    it('refuses a batch on a closed job with INVALID_TRANSITION and writes nothing', async () => {
      const job = ns.ledger.job()
      await job.addBatch(['a'])
      await job.close()
      await expect(job.addBatch(['b'])).rejects.toMatchObject({ code: 'INVALID_TRANSITION' })
      expect(await job.report()).toMatchObject({ items: 1, batches: 1 })
      await expect(ns.ledger.batch(job.token, 1).items()).rejects.toMatchObject({
        code: 'NOT_FOUND',
      })
    })

    it('mixes pushed parts and batches: the job finishes when both kinds are settled', async () => {
      const job = ns.ledger.job()
      await job.push('setup')
      const { index } = await job.addBatch(['a'])
      await job.close()
      const report = await ns.ledger.tracker({ job: job.token, batch: index }).eachRecord(() => {})
      expect(report).toMatchObject({ batchDone: true, jobFinished: false })
      expect(await job.done('setup')).toBe(true)
      expect(await job.report()).toMatchObject({ finished: true, batchesDone: 1, processed: 1 })
    })

    it('addBatches slices a collection, adds each batch before its callback and closes before the last', async () => {
      const job = ns.ledger.job()
      const seen: [number, number, string | undefined, boolean][] = []
      async function* ids() {
        for (let i = 0; i < 25; i++) yield i
      }
      const result = await job.addBatches(ids(), { size: 10 }, async (batch) => {
        const pending = await ns.ledger.batch(job.token, batch.index).items()
        seen.push([batch.index, batch.items, (await job.summary())?.state, pending.length > 0])
      })
      expect(seen).toEqual([
        [0, 10, 'open', true],
        [1, 10, 'open', true],
        [2, 5, 'closed', true],
      ])
      expect(result).toEqual({ batches: 3, items: 25, finished: false })
      expect(sorted(await ns.ledger.batch(job.token, 2).items())).toEqual(
        sorted(['20', '21', '22', '23', '24']),
      )
    })

    it('addBatches over an empty collection closes and finishes the job', async () => {
      const job = ns.ledger.job()
      const calls: unknown[] = []
      expect(await job.addBatches([], { size: 10 }, (b) => calls.push(b))).toEqual({
        batches: 0,
        items: 0,
        finished: true,
      })
      expect(calls).toEqual([])
      expect(await job.isFinished()).toBe(true)
    })

    it('pages through kept outcomes and reports null for an unknown job', async () => {
      expect(await ns.ledger.job('nobody').report()).toBeNull()
      expect(await ns.ledger.job('nobody').outcomes('errored')).toEqual({
        entries: [],
        cursor: null,
      })
    })
  })
}
