import { describe, expect, it } from 'vitest'
import type { StoreHarness } from './harness.js'
import { TestQueue, work } from './stages-queue.js'
import { useNamespace } from './use-namespace.js'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** A group owns the policy it was created with; time is the store's clock. */
export function stagesPolicyConformance(harness: StoreHarness): void {
  describe('stages policy', () => {
    const ns = useNamespace(harness, { manualClock: true })

    it('defaults the description to the group id when withinGrouping gets none, and keeps a name', async () => {
      const queue = new TestQueue()
      const ledger = ns.another(queue.options)
      const group = await ledger.withinGrouping(async (g) => {
        await g.stage(1).enqueue('A', [])
      })
      expect(group.description).toBe(group.id)
      expect(await group.record()).toMatchObject({ description: group.id, name: null })
      const named = await ledger.withinGrouping(
        { name: 'nightly', description: 'all files' },
        (g) => g.stage(1).enqueue('A', []),
      )
      expect(await named.record()).toMatchObject({ name: 'nightly', description: 'all files' })
      expect((await ledger.group(named.id)).name).toBe('nightly')
    })

    it('keeps the policy of the ledger that created the group, whatever a worker ledger says', async () => {
      const queue = new TestQueue()
      const policy = { ttlMs: HOUR, keepCompletedMs: 10 * MINUTE, summaryTtlMs: DAY }
      const producer = ns.another({ ...queue.options, defaults: { group: policy } })
      const worker = ns.another({ ...queue.options, keepCompletedMs: 0, groupTtl: 60 })
      const group = await producer.withinGrouping('owned', async (g) => {
        await g.stage(1).enqueue('A', [])
        await g.stage(2).enqueue('B', [])
      })
      ns.clock.advance(50 * MINUTE)
      await work(worker, queue.drain())
      const running = await group.record()
      expect(running.policy).toEqual(policy)
      expect(running.expiresAt).toBeGreaterThanOrEqual(ns.clock.now() + HOUR)
      await work(worker, queue.drain())
      const done = await worker.store.stages.readGroup(group.id)
      expect(done).toMatchObject({ state: 'succeeded', compact: false, policy })
      expect(done!.expiresAt).toBe(ns.clock.now() + 10 * MINUTE)
      ns.clock.advance(10 * MINUTE - 1)
      expect((await group.stages()).map((s) => s.number)).toEqual([1, 2])
      ns.clock.advance(1)
      expect(await group.record()).toMatchObject({ compact: true, state: 'succeeded' })
      expect(await group.stages()).toEqual([])
      ns.clock.advance(DAY - 1)
      expect(await worker.store.stages.readGroup(group.id)).toMatchObject({ compact: true })
      ns.clock.advance(1)
      expect(await worker.store.stages.readGroup(group.id)).toBeNull()
    })

    it('takes the policy from withinGrouping options, and refuses bad ones before creating anything', async () => {
      const queue = new TestQueue()
      const ledger = ns.another(queue.options)
      const policy = { ttlMs: 2 * HOUR, keepCompletedMs: 0, summaryTtlMs: 0 }
      const group = await ledger.withinGrouping({ ...policy }, async (g) => {
        await g.stage(1).enqueue('A', [])
      })
      expect((await group.record()).policy).toEqual(policy)
      for (const bad of [
        { ttlMs: 0 },
        { keepCompletedMs: -1 },
        { summaryTtlMs: 1.5 },
        { name: '' },
      ]) {
        await expect(ledger.withinGrouping(bad, () => {})).rejects.toMatchObject({
          code: 'INVALID_ARGUMENT',
        })
      }
      expect((await ledger.list({ kind: 'group' })).items.map((item) => item.id)).toEqual([
        group.id,
      ])
    })

    it('is gone once its deadline passes, by the store clock: a write keeps it ttlMs more', async () => {
      const queue = new TestQueue()
      const ledger = ns.another({ ...queue.options, defaults: { group: { ttlMs: HOUR } } })
      const group = await ledger.withinGrouping('short', async (g) => {
        await g.stage(1).enqueue('A', [])
        await g.stage(1).enqueue('B', [])
      })
      const [a, b] = queue.drain()
      ns.clock.advance(HOUR)
      await work(ledger, [a!])
      ns.clock.advance(HOUR)
      expect((await group.record()).counts.successful).toBe(1)
      ns.clock.advance(HOUR / 2)
      expect(await ledger.store.stages.readGroup(group.id)).toBeNull()
      await expect(ledger.group(group.id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
      await expect((await ledger.stagedJob(b)).run(() => 1)).rejects.toMatchObject({
        code: 'NOT_FOUND',
      })
      expect(await ledger.store.stages.readStageJobs(group.id, 1)).toEqual([])
    })

    it('changes no deadline when a staged-job write is refused, and moves it on the next accepted write', async () => {
      const queue = new TestQueue()
      const ledger = ns.another({ ...queue.options, defaults: { group: { ttlMs: HOUR } } })
      const group = await ledger.withinGrouping('refused', async (g) => {
        await g.stage(1).enqueue('A', [])
        await g.stage(2).enqueue('B', [])
      })
      const [a] = queue.drain()
      await work(ledger, [a!])
      const [b] = queue.drain()
      ns.clock.advance(40 * MINUTE)
      const before = JSON.stringify([
        await group.record(),
        await group.stages(),
        await group.stage(1).jobs(),
        await group.stage(2).jobs(),
      ])
      const again = await ledger.stagedJob(a)
      await expect(again.run(() => 1)).rejects.toMatchObject({ code: 'INVALID_TRANSITION' })
      await expect(again.setStatusMessage(42 as unknown as string)).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      })
      const after = JSON.stringify([
        await group.record(),
        await group.stages(),
        await group.stage(1).jobs(),
        await group.stage(2).jobs(),
      ])
      expect(after).toBe(before)
      const { expiresAt } = await group.record()
      await (await ledger.stagedJob(b)).setStatusMessage('alive')
      expect((await group.record()).expiresAt).toBe(ns.clock.now() + HOUR + HOUR / 2)
      expect((await group.record()).expiresAt).toBeGreaterThan(expiresAt)
    })
  })
}
