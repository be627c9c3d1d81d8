import { describe, expect, it } from 'vitest'
import type { StoreHarness } from './harness.js'
import { useNamespace } from './use-namespace.js'

const SECOND = 1_000
const HOUR = 3_600 * SECOND

/** A queue owns its policy: set by its first write, read by every write, changed by configure. */
export function queuePolicyConformance(harness: StoreHarness): void {
  describe('tracked queue policy', () => {
    const ns = useNamespace(harness, { manualClock: true })

    it('fails an item popped under maxAttempts 1 whose lease expired, whatever the sweeper’s handle says', async () => {
      const q = ns.ledger.queue('strict', { leaseMs: 1_000, maxAttempts: 1 })
      const id = await q.createAndPush('x')
      expect(await q.tryPopAndStart()).toMatchObject({ id, attempts: 1 })
      ns.clock.advance(2_000)
      const sweeper = ns.another().queue('strict', { leaseMs: 60_000, maxAttempts: 5 })
      expect(await sweeper.reclaimExpired()).toEqual({ requeued: 0, failed: 1 })
      const failed = await sweeper.get(id)
      expect(failed.state).toBe('failed')
      expect(String(failed.errors?.[0])).toMatch(/Lease of 1000 ms .* on attempt 1 of 1/)
    })

    it("leases an item for the queue's leaseMs, whichever handle pops or heartbeats it", async () => {
      await ns.ledger.queue('leased', { leaseMs: 10_000 }).createAndPush('x')
      const consumer = ns.another().queue('leased', { leaseMs: 50 })
      const item = (await consumer.tryPopAndStart())!
      expect(item.leaseUntil).toBe(ns.clock.now() + 10_000)
      ns.clock.advance(5_000)
      expect(await item.heartbeat()).toBe(ns.clock.now() + 10_000)
      ns.clock.advance(9_000)
      expect(await consumer.reclaimExpired()).toEqual({ requeued: 0, failed: 0 })
      ns.clock.advance(2_000)
      expect(await consumer.reclaimExpired()).toEqual({ requeued: 1, failed: 0 })
    })

    it("keeps settled items for the queue's retainMs, whichever handle settles them", async () => {
      const owner = ns.ledger.queue('kept', { retainMs: HOUR })
      const id = await owner.createAndPush('x')
      const brief = ns.another().queue('kept', { retainMs: 10 })
      await (await brief.tryPopAndStart())!.finish('done')
      ns.clock.advance(HOUR - 1)
      expect(await brief.get(id)).toMatchObject({ state: 'finished', result: 'done' })
      expect(await brief.counts()).toMatchObject({ finished: 1 })
      ns.clock.advance(1)
      await expect(brief.get(id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
      expect(await owner.counts()).toEqual({ waiting: 0, running: 0, finished: 0, failed: 0 })
    })

    it("creates a queue with its ledger's defaults and tells its policy in summary()", async () => {
      const ledger = ns.another({ defaults: { queue: { leaseMs: 5_000, maxAttempts: 7 } } })
      expect(await ledger.queue('d').summary()).toBeNull()
      await ledger.queue('d').createAndPush(1)
      expect(await ns.ledger.queue('d', { leaseMs: 1 }).summary()).toEqual({
        name: 'd',
        createdAt: ns.clock.now(),
        counts: { waiting: 1, running: 0, finished: 0, failed: 0 },
        policy: { leaseMs: 5_000, retainMs: 86_400_000, maxAttempts: 7 },
      })
    })

    it('changes the policy only by configure, which every later write reads', async () => {
      const q = ns.ledger.queue('tuned', { leaseMs: 1_000, maxAttempts: 1 })
      const id = await q.createAndPush('x')
      const other = ns.another().queue('tuned')
      expect(await other.configure({ leaseMs: 20_000, maxAttempts: 2 })).toEqual({
        leaseMs: 20_000,
        retainMs: 86_400_000,
        maxAttempts: 2,
      })
      expect((await q.tryPopAndStart())?.leaseUntil).toBe(ns.clock.now() + 20_000)
      ns.clock.advance(20_001)
      expect(await q.reclaimExpired()).toEqual({ requeued: 1, failed: 0 })
      expect(await q.get(id)).toMatchObject({ state: 'waiting', attempts: 1 })
      expect((await q.summary())?.policy).toEqual({
        leaseMs: 20_000,
        retainMs: 86_400_000,
        maxAttempts: 2,
      })
    })

    it('creates a queue by configure, registered and listed, and refuses bad policy changing nothing', async () => {
      const q = ns.ledger.queue('fresh')
      expect(await q.configure({ retainMs: 5_000 })).toMatchObject({ retainMs: 5_000 })
      expect((await ns.ledger.list({ kind: 'queue' })).items.map((u) => u.id)).toEqual(['fresh'])
      for (const bad of [{ leaseMs: 0 }, { maxAttempts: 1.5 }, { retainMs: -1 }, { lease: 5 }]) {
        await expect(q.configure(bad as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
      }
      expect((await q.summary())?.policy).toEqual({
        leaseMs: 30_000,
        retainMs: 5_000,
        maxAttempts: 3,
      })
    })
  })
}
