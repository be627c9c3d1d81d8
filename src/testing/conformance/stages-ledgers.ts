import { describe, expect, it } from 'vitest'
import type { StoreHarness } from './harness.js'
import { TestQueue, work } from './stages-queue.js'
import { useNamespace } from './use-namespace.js'

/** Ledgers sharing a group: stages one ledger adds are seen by every other ledger's writes. */
export function stagesLedgersConformance(harness: StoreHarness): void {
  describe('stages across ledgers', () => {
    const ns = useNamespace(harness)

    it('a ledger that used a group runs into the stages another ledger added since', async () => {
      const queue = new TestQueue()
      const options = { ...queue.options, keepCompletedMs: 60_000 }
      const first = ns.another(options)
      const second = ns.another(options)
      const group = await first.withinGrouping('shared', async (g) => {
        await g.stage(1).enqueue('One', [1])
        await g.stage(1).enqueue('One', [2])
      })
      const [a, b] = queue.drain()
      await work(first, [a!])
      const other = await second.group(group.id)
      await other.stage(2).enqueue('Two', [])
      await other.stage(3).enqueue('Three', [])
      await work(first, [b!])
      expect(queue.names()).toEqual(['Two:[]'])
      await work(first, queue.drain())
      expect(queue.names()).toEqual(['Three:[]'])
      expect((await (await second.group(group.id)).record()).counts.successful).toBe(3)
    })

    it('a ledger deletes the stages another ledger added to a group it used', async () => {
      const queue = new TestQueue()
      const options = { ...queue.options, keepCompletedMs: 60_000 }
      const first = ns.another(options)
      const second = ns.another(options)
      const group = await first.withinGrouping('shared', async (g) => {
        await g.stage(1).enqueue('One', [])
      })
      const other = await second.group(group.id)
      await other.stage(4).enqueue('Later', [])
      expect(await other.stage(4).jobs()).toHaveLength(1)
      expect(await group.delete()).toBe(true)
      expect(await other.stage(4).jobs()).toEqual([])
      await expect(second.group(group.id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    })

    it('a job another ledger enqueued into a stage it added starts and reports its message', async () => {
      const queue = new TestQueue()
      const options = { ...queue.options, keepCompletedMs: 60_000 }
      const first = ns.another(options)
      const second = ns.another(options)
      const group = await first.withinGrouping('shared', async (g) => {
        await g.stage(1).enqueue('One', [])
      })
      const [one] = queue.drain()
      const other = await second.group(group.id)
      await other.stage(2).enqueue('Two', [])
      await work(second, [one!])
      const [two] = queue.drain()
      const staged = await first.stagedJob(two!)
      await staged.setStatusMessage('halfway')
      expect(await staged.statusMessage()).toBe('halfway')
      await staged.run(async () => {
        expect(await staged.status()).toBe('running')
      })
      expect(await staged.status()).toBe('successful')
    })
  })
}
