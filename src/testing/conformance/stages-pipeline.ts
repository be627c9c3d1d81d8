import { describe, expect, it } from 'vitest'
import type { GroupSummary } from '../../facades/stages-context.js'
import { eventually } from '../wait.js'
import type { StoreHarness } from './harness.js'
import { TestQueue, work } from './stages-queue.js'
import { useNamespace } from './use-namespace.js'

/** Stages run in order; a stage completes when its last job is successful or failed. */
export function stagesPipelineConformance(harness: StoreHarness): void {
  describe('stages pipeline', () => {
    const ns = useNamespace(harness)

    it('dispatches stage 1 when the block returns and stage 2 only after all of stage 1', async () => {
      const queue = new TestQueue()
      const ledger = ns.another({ ...queue.options, keepCompletedMs: 60_000 })
      const group = await ledger.withinGrouping('nightly', async (g) => {
        for (const f of ['a', 'b', 'c']) await g.stage(1).enqueue('Import', [f])
        await g.stage(2).enqueue('Summarize', [])
        expect(queue.payloads).toEqual([])
      })
      expect(queue.names()).toEqual(['Import:["a"]', 'Import:["b"]', 'Import:["c"]'])
      expect(await group.stage(1).status()).toBe('running')
      expect(await group.stage(2).status()).toBe('pending')
      expect((await group.stage(2).jobs()).map((job) => job.status)).toEqual(['pending'])
      const stage1 = queue.drain()
      await work(ledger, stage1.slice(0, 2))
      expect(queue.payloads).toEqual([])
      await work(ledger, stage1.slice(2), () => true)
      expect(queue.names()).toEqual(['Summarize:[]'])
      expect(await group.stage(1).status()).toBe('complete')
      expect((await group.currentStage())?.number).toBe(2)
      const jobs = await group.stage(1).jobs()
      expect(jobs.map((job) => [job.argsJson, job.status])).toEqual([
        ['["a"]', 'successful'],
        ['["b"]', 'successful'],
        ['["c"]', 'failed'],
      ])
      await work(ledger, queue.drain())
      expect(await group.currentStage()).toBeNull()
      expect((await group.record()).counts).toMatchObject({ successful: 3, failed: 1 })
    })

    it('waits for a job that failed once with a retry pending, then succeeded', async () => {
      const queue = new TestQueue()
      const ledger = ns.another(queue.options)
      await ledger.withinGrouping('retry', async (g) => {
        await g.stage(1).enqueue('Flaky', [1])
        await g.stage(1).enqueue('Steady', [2])
        await g.stage(2).enqueue('After', [])
      })
      const [flaky, steady] = queue.drain()
      const staged = await ledger.stagedJob(flaky)
      const boom = new Error('transient')
      await expect(staged.run(() => Promise.reject(boom), { willRetry: () => true })).rejects.toBe(
        boom,
      )
      expect(await staged.status()).toBe('pending_re_run')
      await work(ledger, [steady!])
      expect(queue.payloads).toEqual([])
      expect(await staged.stage.status()).toBe('running')
      const seen: string[] = []
      await (await ledger.stagedJob(flaky)).run(async () => {
        seen.push(await staged.status())
      })
      expect(seen).toEqual(['running'])
      expect(await staged.status()).toBe('successful')
      expect(queue.names()).toEqual(['After:[]'])
    })

    it('dispatches a job enqueued into a running stage at once', async () => {
      const queue = new TestQueue()
      const ledger = ns.another(queue.options)
      const group = await ledger.withinGrouping('live', async (g) => {
        await g.stage(1).enqueue('First', [])
        await g.stage(2).enqueue('Later', [])
      })
      await group.stage(1).enqueue('Extra', ['x'])
      expect(queue.names()).toEqual(['First:[]', 'Extra:["x"]'])
      await work(ledger, queue.drain().slice(0, 1))
      expect(queue.payloads).toEqual([])
      expect(await group.stage(1).numJobs()).toBe(2)
    })

    it('passes enqueueIn and enqueueAt delays to dispatch', async () => {
      const queue = new TestQueue()
      const ledger = ns.another(queue.options)
      const at = new Date(Date.now() + 3_600_000)
      await ledger.withinGrouping('delays', async (g) => {
        await g.stage(1).enqueueIn(5_000, 'Later', [1])
        await g.stage(1).enqueueAt(at, 'AtTime', [2])
        await g.stage(1).enqueue('Now', [3])
      })
      const [later, atTime, now] = queue.payloads
      expect(later).toMatchObject({ delayMs: 5_000, name: 'Later', args: [1] })
      expect(later!.runAt).toBeGreaterThanOrEqual(Date.now() + 4_000)
      expect(atTime).toMatchObject({ runAt: at.getTime(), name: 'AtTime' })
      expect(atTime!.delayMs).toBeGreaterThan(3_500_000)
      expect(now).not.toHaveProperty('delayMs')
      expect(JSON.parse(JSON.stringify(now))).toEqual(now)
      expect(Object.keys(now!).sort()).toEqual([
        'args',
        'groupId',
        'name',
        'queuedAt',
        'stage',
        'stagedJobId',
      ])
    })

    it('completes empty stages at once and skips gaps in stage numbers', async () => {
      const queue = new TestQueue()
      const ledger = ns.another({ ...queue.options, keepCompletedMs: 60_000 })
      const group = await ledger.withinGrouping('gaps', async (g) => {
        g.stage(0)
        await g.stage(10).enqueue('Ten', [])
        await g.stage(250).enqueue('TwoFifty', [])
      })
      expect(queue.names()).toEqual(['Ten:[]'])
      const stages = await group.stages()
      expect(stages.map((stage) => stage.number)).toEqual([0, 10, 250])
      expect(await stages[0]!.status()).toBe('complete')
      await work(ledger, queue.drain())
      expect(queue.names()).toEqual(['TwoFifty:[]'])
    })

    it('records a status message and the job statuses in order', async () => {
      const queue = new TestQueue()
      const ledger = ns.another({ ...queue.options, keepCompletedMs: 60_000 })
      await ledger.withinGrouping('statuses', async (g) => {
        await g.stage(1).enqueue('Job', ['a'])
      })
      const staged = await ledger.stagedJob(queue.payloads[0])
      expect(staged.name).toBe('Job')
      expect(staged.args).toEqual(['a'])
      expect(staged.stage.number).toBe(1)
      const statuses = [await staged.status()]
      await staged.setStatusMessage('row 40 of 100')
      expect(await staged.statusMessage()).toBe('row 40 of 100')
      await staged.run(async () => {
        statuses.push(await staged.status())
      })
      statuses.push(await staged.status())
      expect(statuses).toEqual(['queued', 'running', 'successful'])
    })

    it('drops the details when the last stage completes, keeps its summary, and reports once', async () => {
      const queue = new TestQueue()
      const summaries: GroupSummary[] = []
      const ledger = ns.another({ ...queue.options, onComplete: (s) => void summaries.push(s) })
      const events: unknown[] = []
      const unsubscribe = await ledger.store.events.subscribe('group.completed', (event) => {
        events.push(event.payload)
      })
      const group = await ledger.withinGrouping('cleanup', async (g) => {
        await g.stage(1).enqueue('One', [])
        await g.stage(2).enqueue('Two', [])
        await g.stage(2).enqueue('Three', [])
      })
      await work(ledger, queue.drain())
      await work(ledger, queue.drain(), (p) => p.name === 'Three')
      expect(summaries).toHaveLength(1)
      expect(summaries[0]).toMatchObject({
        id: group.id,
        description: 'cleanup',
        counts: { successful: 2, failed: 1, pending: 0, queued: 0, running: 0 },
      })
      expect(summaries[0]!.completedAt).toEqual(expect.any(Number))
      await eventually(async () => events.length === 1, 'group.completed is published')
      await unsubscribe()
      const { stageCount, ...kept } = summaries[0]!
      expect(await ledger.store.stages.readGroup(group.id)).toMatchObject({
        ...kept,
        stageCount,
        state: 'failed',
        compact: true,
      })
      expect(stageCount).toBe(2)
      expect(await ledger.store.stages.readStages(group.id)).toEqual([])
      expect(await ledger.store.stages.readStageJobs(group.id, 1)).toEqual([])
      await expect(ledger.group(group.id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
      const { items } = await ledger.list({ kind: 'group' })
      expect(items.map((item) => [item.id, item.summary.compact])).toEqual([[group.id, true]])
    })

    it('deletes the group and dispatches nothing when the block throws', async () => {
      const queue = new TestQueue()
      const ledger = ns.another(queue.options)
      let id = ''
      const boom = new Error('bad block')
      await expect(
        ledger.withinGrouping('broken', async (g) => {
          id = g.id
          await g.stage(1).enqueue('Never', [])
          throw boom
        }),
      ).rejects.toBe(boom)
      expect(queue.dispatched).toEqual([])
      await expect(ledger.group(id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    })

    it('reopens a group by id and lists it with its stages', async () => {
      const queue = new TestQueue()
      const ledger = ns.another(queue.options)
      const group = await ledger.withinGrouping('listed', async (g) => {
        await g.stage(1).enqueue('A', [])
      })
      const reopened = await ns.ledger.group(group.id)
      expect(reopened).toMatchObject({ id: group.id, description: 'listed' })
      expect(reopened.createdAt).toBe(group.createdAt)
      const { items } = await ns.ledger.list({ kind: 'group' })
      expect(items).toHaveLength(1)
      expect(items[0]).toMatchObject({
        kind: 'group',
        id: group.id,
        summary: { counts: { queued: 1 }, stages: [{ number: 1, status: 'running', numJobs: 1 }] },
      })
    })
  })
}
