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

    it('initiates unsealed groups only once old, and forgets deleted groups', async () => {
      const queue = new TestQueue()
      const ledger = ns.another(queue.options)
      const policy = { ttlMs: 600_000, keepCompletedMs: 0, summaryTtlMs: 0 }
      const { group: stuck } = await ledger.store.stages.createGroup(
        { id: 'stuck', name: null, description: 'stuck', policy },
        'create-stuck',
      )
      await ledger.store.registry.register('group', stuck.id, stuck.createdAt)
      const group = await ledger.group('stuck')
      await group.stage(1).enqueue('A', [])
      await ledger.store.registry.register('group', 'gone', Date.now())
      expect(queue.payloads).toEqual([])
      const young = await ledger.cleaner.cleanupOrphans({ olderThanMs: -1 })
      expect(young).toEqual({ removed: 1, redispatched: 0, initiated: 0, callbacks: 0 })
      expect(queue.payloads).toEqual([])
      const all = { olderThanMs: -1, unsealedOlderThanMs: -1 }
      const result = await ledger.cleaner.cleanupOrphans(all)
      expect(result).toEqual({ removed: 0, redispatched: 0, initiated: 1, callbacks: 0 })
      expect(queue.names()).toEqual(['A:[]'])
      expect(await ledger.cleaner.cleanupOrphans(all)).toEqual({
        removed: 0,
        redispatched: 0,
        initiated: 0,
        callbacks: 0,
      })
    })

    it('leaves a group alone while its withinGrouping block is still running', async () => {
      const queue = new TestQueue()
      const ledger = ns.another(queue.options)
      let release: () => void = () => {}
      const gate = new Promise<void>((resolve) => {
        release = resolve
      })
      let entered: () => void = () => {}
      const inBlock = new Promise<void>((resolve) => {
        entered = resolve
      })
      const grouping = ledger.withinGrouping('slow', async (g) => {
        await g.stage(1).enqueue('A', [])
        entered()
        await gate
        await g.stage(1).enqueue('B', [])
      })
      await inBlock
      const during = await ledger.cleaner.cleanupOrphans({ olderThanMs: -1 })
      expect(during).toMatchObject({ initiated: 0, redispatched: 0 })
      expect(queue.payloads).toEqual([])
      release()
      await grouping
      expect(queue.names()).toEqual(['A:[]', 'B:[]'])
      const after = await ledger.cleaner.cleanupOrphans({
        olderThanMs: -1,
        unsealedOlderThanMs: -1,
      })
      expect(after).toMatchObject({ initiated: 0, redispatched: 0 })
    })

    it('refuses cutoffs that are not numbers', async () => {
      const cleaner = ns.ledger.cleaner
      for (const bad of [
        { olderThanMs: Number.NaN },
        { unsealedOlderThanMs: '1' as unknown as number },
      ]) {
        await expect(cleaner.cleanupOrphans(bad)).rejects.toMatchObject({
          code: 'INVALID_ARGUMENT',
        })
      }
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
