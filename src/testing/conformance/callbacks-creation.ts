import { describe, expect, it } from 'vitest'
import { isCallbackPayload } from '../../facades/callback-payload.js'
import type { DispatchPayload } from '../../facades/stage-payload.js'
import type { StoreHarness } from './harness.js'
import { TestQueue, work } from './stages-queue.js'
import { useNamespace } from './use-namespace.js'

/** Durable callbacks given when a unit is created: `ledger.job(token, { callbacks })`, withinGrouping's. */
export function callbackCreationConformance(harness: StoreHarness): void {
  describe('durable callbacks given at creation', () => {
    const ns = useNamespace(harness, { manualClock: true })

    it("stores a job handle's callbacks with the job its first write creates, and dispatches them once", async () => {
      const keys: string[] = []
      const dispatch = (payload: DispatchPayload) => {
        if (isCallbackPayload(payload)) keys.push(payload.idempotencyKey)
      }
      const ledger = ns.another({ dispatch })
      const job = ledger.job('made', {
        name: 'nightly',
        callbacks: { settled: { name: 'summary', args: [1] }, failed: [{ name: 'page' }] },
      })
      expect(await job.summary()).toBeNull()
      await Promise.all([job.push('a'), job.push('b')])
      expect(await ledger.store.jobs.readCallbacks('made', '', 'settled')).toEqual([
        { name: 'summary', args: [1] },
      ])
      expect(await ledger.store.jobs.readCallbacks('made', '', 'failed')).toEqual([
        { name: 'page', args: [] },
      ])
      await job.close()
      await job.done('a')
      await ledger.job('made').done('b')
      expect(keys).toEqual(['job:made:|settled:summary'])
      expect(await job.summary()).toMatchObject({ name: 'nightly', state: 'finished' })
    })

    it('stores the callbacks given to withinGrouping with the group, and dispatches them once', async () => {
      const queue = new TestQueue()
      const ledger = ns.another(queue.options)
      const group = await ledger.withinGrouping(
        { description: 'nightly', callbacks: { settled: { name: 'report', args: ['n'] } } },
        async (g) => {
          await g.stage(1).enqueue('A', [])
        },
      )
      await work(ledger, queue.drain())
      expect(queue.callbacks.map((payload) => [payload.name, payload.id])).toEqual([
        ['report', group.id],
      ])
    })

    it('refuses bad creation callbacks, or callbacks without dispatch, before writing anything', async () => {
      const ledger = ns.another({ dispatch: () => {} })
      const bad = [
        { done: { name: 'x' } },
        { settled: () => {} },
        { settled: { name: '' } },
        { settled: [] },
        'settled',
      ]
      for (const callbacks of bad) {
        expect(() => ledger.job('bad', { callbacks } as never), JSON.stringify(callbacks)).toThrow(
          expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
        )
        await expect(ledger.withinGrouping({ callbacks } as never, () => {})).rejects.toMatchObject(
          { code: 'INVALID_ARGUMENT' },
        )
      }
      expect(() => ns.ledger.job('bad', { callbacks: { settled: { name: 'x' } } })).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      )
      expect(await ledger.job('bad').summary()).toBeNull()
      expect((await ledger.list({ kind: 'group' })).items).toEqual([])
    })
  })
}
