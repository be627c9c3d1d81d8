import { describe, expect, it } from 'vitest'
import { carriedUnitOf } from '../../facades/carried-unit.js'
import type { StagedJobPayload } from '../../facades/stage-payload.js'
import type { StoreHarness } from './harness.js'
import { TestQueue } from './stages-queue.js'
import { useNamespace } from './use-namespace.js'

/**
 * A staged job and the tracked-queue item that carried it name each other: the item's data is
 * the payload (group, stage, job), and run's `carrier` is kept with the job by its start.
 */
export function stagesCarrierConformance(harness: StoreHarness): void {
  describe('stages carrier', () => {
    const ns = useNamespace(harness)

    it('keeps the queue item that carried each start, and the item names its staged job', async () => {
      const ledger = ns.another({ dispatch: (p) => ledger.queue('work').createAndPush(p) })
      const group = await ledger.withinGrouping('carried', async (g) => {
        await g.stage(1).enqueue('A', ['a.csv'])
        await g.stage(2).enqueue('B', [])
      })
      const queue = ledger.queue<StagedJobPayload>('work')
      // Groups stay whole while a stage is left: the second keeps the first's jobs readable.
      const first = await queue.tryPopAndStart()
      expect(carriedUnitOf(first?.data)).toEqual({
        kind: 'staged-job',
        groupId: group.id,
        stage: 1,
        jobId: first?.data.stagedJobId,
      })
      const staged = await ledger.stagedJob(first?.data)
      const broke = new Error('retry me')
      const failing = () => {
        throw broke
      }
      const options = { carrier: first!, willRetry: () => true }
      await expect(staged.run(failing, options)).rejects.toBe(broke)
      expect(await staged.record()).toMatchObject({
        status: 'pending_re_run',
        carrier: { queue: 'work', id: first?.id },
      })
      const second = await queue.createAndPush(first!.data)
      const retry = await queue.tryPopAndStart()
      await staged.run(() => undefined, { carrier: retry! })
      const [job] = await group.stage(1).jobs()
      expect(job).toMatchObject({ status: 'successful', carrier: { queue: 'work', id: second } })
    })

    it('records no carrier for a run without one, and refuses a malformed one unwritten', async () => {
      const queue = new TestQueue()
      const ledger = ns.another(queue.options)
      await ledger.withinGrouping('plain', async (g) => {
        await g.stage(1).enqueue('A', [])
        await g.stage(2).enqueue('B', [])
      })
      const staged = await ledger.stagedJob(queue.drain()[0])
      for (const carrier of [null, 'work/1', { queue: 'work' }, { queue: 'a b', id: '1' }]) {
        await expect(staged.run(() => undefined, { carrier } as never)).rejects.toMatchObject({
          code: 'INVALID_ARGUMENT',
        })
      }
      expect(await staged.record()).toMatchObject({ status: 'queued', attempts: 0, carrier: null })
      await staged.run(() => undefined)
      expect(await staged.record()).toMatchObject({ status: 'successful', carrier: null })
    })
  })
}
