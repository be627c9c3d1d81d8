import { describe, expect, it } from 'vitest'
import { eventually } from '../wait.js'
import type { StoreHarness } from './harness.js'
import { useNamespace } from './use-namespace.js'

/** queue.process(): the consumer loop that settles and takes the next item in one step. */
export function queueProcessConformance(harness: StoreHarness): void {
  describe('tracked queue processing loop', () => {
    const ns = useNamespace(harness)

    it('finishes items with the handler’s result and fails those it throws on', async () => {
      const q = ns.ledger.queue<number, number>('work')
      const ids = []
      for (let n = 0; n < 50; n++) ids.push(await q.createAndPush(n))
      const worker = ns
        .another()
        .queue<number, number>('work')
        .process(
          async (item) => {
            if (item.data % 10 === 3) throw new RangeError(`bad ${item.data}`)
            return item.data * 2
          },
          { concurrency: 3 },
        )
      await eventually(
        async () => (await q.counts()).finished + (await q.counts()).failed === 50,
        'every item is settled',
      )
      await worker.stop()
      expect(await q.counts()).toEqual({ waiting: 0, running: 0, finished: 45, failed: 5 })
      expect(await q.get(ids[4]!)).toMatchObject({ state: 'finished', result: 8 })
      expect(await q.get(ids[13]!)).toMatchObject({
        state: 'failed',
        errors: [{ name: 'RangeError', message: 'bad 13' }],
      })
    })

    it('heartbeats while a slow handler runs, so its lease never lapses', async () => {
      const q = ns.ledger.queue('slow', { leaseMs: 90, reclaimEveryMs: 10 })
      const id = await q.createAndPush('slow')
      let release: () => void = () => {}
      const gate = new Promise<void>((resolve) => {
        release = resolve
      })
      let startedAt = 0
      const worker = q.process(async (item) => {
        startedAt = Date.now()
        await gate
        return item.attempts
      })
      const sweeper = ns.another().queue('slow', { leaseMs: 90 })
      await eventually(async () => {
        await sweeper.reclaimExpired()
        return startedAt > 0 && Date.now() > startedAt + 400
      }, 'several leases pass')
      release()
      await eventually(async () => (await q.counts()).finished === 1, 'the item finishes')
      expect(await q.get(id)).toMatchObject({ state: 'finished', result: 1, attempts: 1 })
      await worker.stop()
    })

    it('reclaims a lost consumer’s item while the queue never runs dry', async () => {
      const q = ns.ledger.queue<string>('busy', { leaseMs: 150, reclaimEveryMs: 20 })
      const lostId = await q.createAndPush('lost')
      expect((await ns.another().queue('busy').tryPopAndStart())?.id).toBe(lostId)
      for (let n = 0; n < 3; n++) await q.createAndPush('filler')
      let feeding = true
      const worker = q.process(async (item) => {
        // Each item pushes the next, so every settle finds an item waiting to pop with it.
        if (feeding) await q.createAndPush('filler')
        await new Promise((resolve) => setTimeout(resolve, 1))
        return item.data
      })
      await eventually(
        async () => (await q.get(lostId)).state === 'finished',
        'the lost item is reclaimed and processed under load',
        10_000,
      )
      feeding = false
      await worker.stop()
      expect(await q.get(lostId)).toMatchObject({ state: 'finished', attempts: 2 })
    })

    it('stops when its ledger closes, leaving waiting items untouched', async () => {
      const consumer = ns.another()
      const worker = consumer.queue('idle').process(() => 'done')
      await consumer.close()
      await worker.done
      await ns.ledger.queue('idle').createAndPush(1)
      expect(await ns.ledger.queue('idle').counts()).toMatchObject({ waiting: 1, running: 0 })
    })

    it('rejects a bad handler or concurrency', () => {
      const q = ns.ledger.queue('bad')
      expect(() => q.process('no' as never)).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      )
      expect(() => q.process(() => 1, { concurrency: 0 })).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      )
    })
  })
}
