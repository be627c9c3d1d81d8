import { describe, expect, it } from 'vitest'
import type { StoreHarness } from './harness.js'
import { TestQueue, work } from './stages-queue.js'
import { useNamespace } from './use-namespace.js'

const HOUR = 3_600_000

function gate(): { wait: Promise<void>; open: () => void } {
  let open: () => void = () => {}
  const wait = new Promise<void>((resolve) => {
    open = resolve
  })
  return { wait, open }
}

/** group.cancel(): the running stage stops, the pending ones are skipped, `stopped` fires. */
export function stagesCancelConformance(harness: StoreHarness): void {
  describe('stages cancel', () => {
    const ns = useNamespace(harness, { manualClock: true })

    it('stops the running stage, refuses its queued jobs to run(), skips the pending stages', async () => {
      const queue = new TestQueue()
      const ledger = ns.another({ ...queue.options, defaults: { group: { ttlMs: HOUR } } })
      const group = await ledger.withinGrouping('cancel', async (g) => {
        for (const name of ['Running', 'Retry', 'Queued']) await g.stage(1).enqueue(name, [])
        await g.stage(2).enqueue('Later', [])
        await g.stage(3).enqueue('Last', [])
      })
      const [running, retry, queued] = queue.drain()
      await expect(
        (await ledger.stagedJob(retry)).run(() => Promise.reject(new Error('x')), {
          willRetry: () => true,
        }),
      ).rejects.toThrow('x')
      const body = gate()
      const entered = gate()
      const first = (await ledger.stagedJob(running)).run(async () => {
        entered.open()
        await body.wait
        return 'finished after the cancel'
      })
      await entered.wait
      const cancelled = await group.cancel({ reason: 'operator', opId: 'cancel-1' })
      expect(cancelled).toEqual({ stopped: true, cancelledJobs: 2 })
      let ran = 0
      for (const payload of [queued, retry]) {
        const run = (await ledger.stagedJob(payload)).run(() => ran++)
        await expect(run).rejects.toMatchObject({ code: 'INVALID_TRANSITION' })
      }
      expect(ran).toBe(0)
      body.open()
      await expect(first).resolves.toBe('finished after the cancel')
      const record = await group.record()
      expect(record).toMatchObject({
        state: 'stopped',
        stopReason: 'operator',
        signals: { stopped: ns.clock.now(), settled: null },
        counts: { successful: 1, cancelled: 2, pending: 2, queued: 0 },
      })
      expect((await group.stages()).length).toBe(3)
      const statuses = (await ledger.store.stages.readStages(group.id)).map((s) => s.status)
      expect(statuses).toEqual(['stopped', 'skipped', 'skipped'])
      expect(queue.payloads).toEqual([])
      await expect(group.stage(2).enqueue('More', [])).rejects.toMatchObject({
        code: 'INVALID_TRANSITION',
      })
      await expect(group.initiate()).rejects.toMatchObject({ code: 'INVALID_TRANSITION' })
      const repair = { olderThanMs: -1, unsealedOlderThanMs: -1 }
      expect(await ledger.cleaner.cleanupOrphans(repair)).toMatchObject({
        initiated: 0,
        redispatched: 0,
      })
      expect(queue.payloads).toEqual([])
      expect(await group.cancel()).toEqual({ stopped: false, cancelledJobs: 0 })
      expect(await group.cancel({ opId: 'cancel-1' })).toEqual(cancelled)
    })

    it('keeps a summary of a cancelled group once its details expire', async () => {
      const queue = new TestQueue()
      const ledger = ns.another({ ...queue.options, defaults: { group: { ttlMs: HOUR } } })
      const group = await ledger.withinGrouping('summary', async (g) => {
        await g.stage(1).enqueue('A', [])
      })
      await group.cancel()
      ns.clock.advance(2 * HOUR)
      expect(await ledger.store.stages.readGroup(group.id)).toMatchObject({
        compact: true,
        state: 'stopped',
        stopReason: null,
        counts: { cancelled: 1 },
      })
      await expect((await ledger.stagedJob(queue.drain()[0])).run(() => 1)).rejects.toMatchObject({
        code: 'NOT_FOUND',
      })
    })

    it('leaves a complete group as it is, and refuses an unknown one', async () => {
      const queue = new TestQueue()
      const ledger = ns.another({ ...queue.options, keepCompletedMs: HOUR })
      const group = await ledger.withinGrouping('done', async (g) => {
        await g.stage(1).enqueue('A', [])
      })
      await work(ledger, queue.drain())
      const before = await group.record()
      expect(await group.cancel({ reason: 'too late' })).toEqual({
        stopped: false,
        cancelledJobs: 0,
      })
      expect(await group.record()).toEqual(before)
      await ledger.store.stages.deleteGroup(group.id, 'delete')
      await expect(group.cancel()).rejects.toMatchObject({ code: 'NOT_FOUND' })
      await expect(group.cancel({ reason: 5 as unknown as string })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      })
    })
  })
}
