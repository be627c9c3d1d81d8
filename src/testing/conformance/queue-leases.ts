import { describe, expect, it } from 'vitest'
import { eventually } from '../wait.js'
import type { StoreHarness } from './harness.js'
import { useNamespace } from './use-namespace.js'

/** Leases, the sweeper that reclaims silent consumers' items, and retention. */
export function queueLeaseConformance(harness: StoreHarness): void {
  describe('tracked queue leases and retention', () => {
    const ns = useNamespace(harness)

    it('reclaims the item of a consumer that stops heartbeating; another finishes it', async () => {
      const options = { leaseMs: 100, reclaimEveryMs: 20 }
      const silent = ns.another().queue('leased', options)
      const id = await ns.ledger.queue('leased', options).createAndPush({ job: 1 })
      const lost = await silent.tryPopAndStart()
      expect(lost?.id).toBe(id)
      const rescuer = ns.another().queue('leased', options)
      const rescued = await rescuer.popAndStart({ timeoutMs: 10_000 })
      expect(rescued).toMatchObject({ id, attempts: 2, data: { job: 1 } })
      await expect(lost!.finish('stale')).rejects.toMatchObject({ code: 'CONFLICT' })
      await expect(lost!.heartbeat()).rejects.toMatchObject({ code: 'CONFLICT' })
      expect(await rescued!.finish('done')).toMatchObject({ state: 'finished', result: 'done' })
      expect(await rescuer.counts()).toEqual({ waiting: 0, running: 0, finished: 1, failed: 0 })
    })

    it('refuses a consumer from before a retry: the new start is fenced off', async () => {
      const q = ns.ledger.queue('fenced')
      const id = await q.createAndPush('x')
      const zombie = (await q.tryPopAndStart())!
      await q.fail(id, 'first run broke')
      await q.retry(id)
      const current = (await q.tryPopAndStart())!
      expect(current).toMatchObject({ id, attempts: 1 })
      await expect(zombie.finish('stale')).rejects.toMatchObject({ code: 'CONFLICT' })
      await expect(zombie.fail('stale')).rejects.toMatchObject({ code: 'CONFLICT' })
      await expect(zombie.heartbeat()).rejects.toMatchObject({ code: 'CONFLICT' })
      expect(await q.get(id)).toMatchObject({ state: 'running', attempts: 1, result: null })
      await current.heartbeat()
      expect(await current.finish('fresh')).toMatchObject({ state: 'finished', result: 'fresh' })
    })

    it('keeps a heartbeating consumer’s item running past its first lease', async () => {
      // The lease is long next to the gaps between heartbeats, even on a loaded machine.
      const q = ns.ledger.queue('beating', { leaseMs: 1500, reclaimEveryMs: 10 })
      await q.createAndPush('work')
      const item = await q.tryPopAndStart()
      const firstLease = item!.leaseUntil!
      const sweeper = ns.another().queue('beating', { leaseMs: 1500 })
      await eventually(async () => {
        await item!.heartbeat()
        await sweeper.reclaimExpired()
        return Date.now() > firstLease + 100
      }, 'time passes beyond the first lease')
      expect(item!.leaseUntil).toBeGreaterThan(firstLease)
      expect(await q.get(item!.id)).toMatchObject({ state: 'running', attempts: 1 })
      await item!.finish('ok')
    })

    it('fails an item whose lease expired maxAttempts times, with a clear error', async () => {
      const q = ns.ledger.queue('doomed', { leaseMs: 30, maxAttempts: 2 })
      const id = await q.createAndPush('x')
      for (let attempt = 1; attempt <= 2; attempt++) {
        const item = await q.popAndStart({ timeoutMs: 10_000 })
        expect(item).toMatchObject({ id, attempts: attempt })
      }
      await eventually(async () => (await q.reclaimExpired()).failed === 1, 'the sweeper fails it')
      const failed = await q.get(id)
      expect(failed.state).toBe('failed')
      expect(String(failed.errors?.[0])).toMatch(/expired without a heartbeat on attempt 2 of 2/)
      expect(await q.counts()).toEqual({ waiting: 0, running: 0, finished: 0, failed: 1 })
      expect(await q.reclaimExpired()).toEqual({ requeued: 0, failed: 0 })
    })

    it('forgets finished and failed items after retainMs, in get, list and counts', async () => {
      const q = ns.ledger.queue('fleeting', { retainMs: 1000 })
      const kept = await q.createAndPush('kept')
      const a = await q.createAndPush('a')
      const b = await q.createAndPush('b')
      const first = await q.tryPopAndStart()
      expect(first?.id).toBe(kept)
      await (await q.tryPopAndStart())!.finish('done')
      await (await q.tryPopAndStart())!.fail('broken')
      expect(await q.counts()).toEqual({ waiting: 0, running: 1, finished: 1, failed: 1 })
      await eventually(
        async () => (await q.counts()).finished === 0 && (await q.counts()).failed === 0,
        'retention ends',
      )
      await expect(q.get(a)).rejects.toMatchObject({ code: 'NOT_FOUND' })
      await expect(q.retry(b)).rejects.toMatchObject({ code: 'NOT_FOUND' })
      expect((await q.list('finished')).items).toEqual([])
      expect((await q.list('failed')).items).toEqual([])
      expect(await q.counts()).toEqual({ waiting: 0, running: 1, finished: 0, failed: 0 })
      expect((await q.get(kept)).state).toBe('running')
    })

    it('lists running items by lease end, in every store', async () => {
      const q = ns.ledger.queue('leases', { leaseMs: 600_000 })
      const first = await q.createAndPush(1)
      const second = await q.createAndPush(2)
      const a = (await q.tryPopAndStart())!
      const b = (await q.tryPopAndStart())!
      expect([a.id, b.id]).toEqual([first, second])
      await eventually(async () => (await a.heartbeat()) > b.leaseUntil!, 'a lease ends later')
      expect((await q.list('running')).items.map((item) => item.id)).toEqual([second, first])
    })
  })
}
