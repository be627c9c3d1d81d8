import { describe, expect, it } from 'vitest'
import type { StoreHarness } from './harness.js'
import { TestQueue, work } from './stages-queue.js'
import { useNamespace } from './use-namespace.js'

/** cleanupOrphans repairs what a crash between a write and its dispatch leaves behind. */
export function stagesOrphansConformance(harness: StoreHarness): void {
  describe('stages cleanup', () => {
    const ns = useNamespace(harness)

    it('re-dispatches jobs queued by a process that died before dispatching them', async () => {
      const queue = new TestQueue()
      let crash = false
      const crashing = ns.another({
        dispatch: (payload) => {
          if (crash) throw new Error('process died')
          queue.options.dispatch!(payload)
        },
      })
      await crashing.withinGrouping('crash', async (g) => {
        await g.stage(1).enqueue('A', [])
        await g.stage(2).enqueue('B', [])
      })
      crash = true
      await expect(work(crashing, queue.drain())).resolves.toBeUndefined()
      expect(queue.payloads).toEqual([])
      const cleaner = ns.another(queue.options).cleaner
      expect(await cleaner.cleanupOrphans({ olderThanMs: 60_000 })).toMatchObject({
        redispatched: 0,
      })
      expect(await cleaner.cleanupOrphans({ olderThanMs: -1 })).toMatchObject({ redispatched: 1 })
      expect(queue.names()).toEqual(['B:[]'])
      expect(await cleaner.cleanupOrphans({ olderThanMs: -1 })).toMatchObject({ redispatched: 0 })
    })

    it('initiates groups whose first stage was never initiated and forgets deleted groups', async () => {
      const queue = new TestQueue()
      const ledger = ns.another(queue.options)
      const stuck = await ledger.store.stages.createGroup(
        {
          id: 'stuck',
          ttlMs: 60_000,
          keepCompletedMs: 0,
        },
        'stuck',
      )
      await ledger.store.registry.register('group', stuck.id, stuck.createdAt)
      const group = await ledger.group('stuck')
      await group.stage(1).enqueue('A', [])
      await ledger.store.registry.register('group', 'gone', Date.now())
      expect(queue.payloads).toEqual([])
      const result = await ledger.cleaner.cleanupOrphans({ olderThanMs: -1 })
      expect(result).toEqual({ removed: 1, redispatched: 0, initiated: 1 })
      expect(queue.names()).toEqual(['A:[]'])
      expect(await ledger.cleaner.cleanupOrphans({ olderThanMs: -1 })).toEqual({
        removed: 0,
        redispatched: 0,
        initiated: 0,
      })
    })

    it('purgeAll removes groups with their stages and jobs', async () => {
      const queue = new TestQueue()
      const ledger = ns.another(queue.options)
      const group = await ledger.withinGrouping('p', async (g) => {
        await g.stage(1).enqueue('A', [])
      })
      expect(await ledger.cleaner.purgeAll()).toBeGreaterThan(0)
      expect(await ledger.store.stages.readGroup(group.id)).toBeNull()
      expect(await ledger.store.stages.readStageJobs(group.id, 1)).toEqual([])
    })
  })
}
