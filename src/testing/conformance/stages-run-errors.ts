import { describe, expect, it } from 'vitest'
import { STAGES_ERROR, type StagesErrorContext } from '../../facades/stages-context.js'
import type { LedgerEvent } from '../../store/events-store.js'
import { eventually } from '../wait.js'
import type { StoreHarness } from './harness.js'
import { TestQueue } from './stages-queue.js'
import { useNamespace } from './use-namespace.js'

/** What goes wrong around a staged job's run never strands the job nor fails a finished one. */
export function stagesRunErrorsConformance(harness: StoreHarness): void {
  describe('stages run errors', () => {
    const ns = useNamespace(harness)

    it('fails the job, rethrowing its error, when willRetry throws', async () => {
      const queue = new TestQueue()
      const ledger = ns.another(queue.options)
      const group = await ledger.withinGrouping('w', async (g) => {
        await g.stage(1).enqueue('A', [])
        await g.stage(2).enqueue('B', [])
      })
      const staged = await ledger.stagedJob(queue.drain()[0])
      const boom = new Error('job broke')
      const willRetry = () => {
        throw new Error('willRetry broke')
      }
      await expect(
        staged.run(
          () => {
            throw boom
          },
          { willRetry },
        ),
      ).rejects.toBe(boom)
      expect(await staged.status()).toBe('failed')
      expect(await group.stage(1).status()).toBe('complete')
      expect(queue.names()).toEqual(['B:[]'])
    })

    it('keeps a finished job successful when the next stage cannot be dispatched', async () => {
      const queue = new TestQueue()
      let down = false
      const reported: StagesErrorContext[] = []
      const ledger = ns.another({
        dispatch: (payload) => {
          if (down) throw new Error('queue down')
          queue.options.dispatch?.(payload)
        },
        onError: (_error, context) => {
          reported.push(context)
        },
      })
      const events: LedgerEvent[] = []
      const unsubscribe = await ledger.store.events.subscribe(STAGES_ERROR, (event) => {
        events.push(event)
      })
      await ledger.withinGrouping('d', async (g) => {
        await g.stage(1).enqueue('A', [])
        await g.stage(2).enqueue('B', [])
      })
      const staged = await ledger.stagedJob(queue.drain()[0])
      down = true
      await expect(staged.run(() => 7)).resolves.toBe(7)
      expect(await staged.status()).toBe('successful')
      const context = { groupId: staged.group.id, jobId: staged.id }
      expect(reported).toEqual([context])
      await eventually(() => events.length === 1, 'the stages.error event arrives')
      expect(events[0]?.payload).toMatchObject({ ...context, code: 'INTERNAL' })
      await unsubscribe()
      down = false
      const repaired = await ledger.cleaner.cleanupOrphans({ olderThanMs: -1 })
      expect(repaired).toMatchObject({ redispatched: 1 })
      expect(queue.names()).toEqual(['B:[]'])
    })

    it('keeps the last job successful when onComplete throws, reporting it', async () => {
      const queue = new TestQueue()
      const errors: unknown[] = []
      const ledger = ns.another({
        ...queue.options,
        onComplete: () => {
          throw new Error('onComplete broke')
        },
        onError: (error) => {
          errors.push(error)
        },
      })
      await ledger.withinGrouping('c', async (g) => {
        await g.stage(1).enqueue('A', [])
      })
      const staged = await ledger.stagedJob(queue.drain()[0])
      await expect(staged.run(() => 'done')).resolves.toBe('done')
      expect(errors).toEqual([expect.objectContaining({ message: 'onComplete broke' })])
    })
  })
}
