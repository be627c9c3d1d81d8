import { describe, expect, it } from 'vitest'
import type { StoreHarness } from './harness.js'
import { TestQueue, work } from './stages-queue.js'
import { useNamespace } from './use-namespace.js'

const SECOND = 1_000
const HOUR = 3_600_000

function deepStack(depth: number): Error {
  const dive = (n: number): Error => (n === 0 ? new TypeError('bad row 3') : dive(n - 1))
  return dive(depth)
}

/** Signals with their times, errors kept with their jobs, summaries that outlive details. */
export function stagesSignalsConformance(harness: StoreHarness): void {
  describe('stages signals and summaries', () => {
    const ns = useNamespace(harness, { manualClock: true })

    it("records each stage's and the group's signals with the times of the writes that fired them", async () => {
      const queue = new TestQueue()
      const ledger = ns.another({ ...queue.options, keepCompletedMs: HOUR })
      const group = await ledger.withinGrouping('signals', async (g) => {
        await g.stage(1).enqueue('A', [])
        await g.stage(1).enqueue('B', [])
        await g.stage(2).enqueue('C', [])
      })
      const created = (await group.record()).createdAt
      const [a, b] = queue.drain()
      ns.clock.advance(SECOND)
      const started = ns.clock.now()
      await work(ledger, [a!])
      ns.clock.advance(SECOND)
      const failed = ns.clock.now()
      await work(ledger, [b!], () => true)
      expect((await group.record()).signals).toEqual({
        failed,
        stopped: null,
        settled: null,
        succeeded: null,
      })
      ns.clock.advance(SECOND)
      const settled = ns.clock.now()
      await work(ledger, queue.drain())
      expect(await group.record()).toMatchObject({
        state: 'failed',
        startedAt: started,
        completedAt: settled,
        durationMs: settled - created,
        signals: { failed, settled, succeeded: null, stopped: null },
        firstFailure: { jobId: b!.stagedJobId, stage: 1, name: 'B', at: failed },
      })
      const [one, two] = await ledger.store.stages.readStages(group.id)
      expect(one).toMatchObject({ status: 'complete', startedAt: started })
      expect(one!.signals).toEqual({ failed, settled: failed, succeeded: null, stopped: null })
      expect(two!.signals).toEqual({ failed: null, settled, succeeded: settled, stopped: null })
    })

    it('keeps a stage open while a job is pending_re_run, and keeps the error, attempts and times of a job', async () => {
      const queue = new TestQueue()
      const ledger = ns.another({ ...queue.options, keepCompletedMs: HOUR })
      const group = await ledger.withinGrouping('errors', async (g) => {
        await g.stage(1).enqueue('Flaky', [])
        await g.stage(2).enqueue('After', [])
      })
      const [flaky] = queue.drain()
      const t1 = ns.clock.now()
      const retried = (await ledger.stagedJob(flaky)).run(
        () => {
          ns.clock.advance(SECOND)
          throw deepStack(40)
        },
        { willRetry: () => true },
      )
      await expect(retried).rejects.toThrow('bad row 3')
      const pending = await (await ledger.stagedJob(flaky)).record()
      expect(pending).toMatchObject({
        status: 'pending_re_run',
        attempts: 1,
        startedAt: t1,
        finishedAt: t1 + SECOND,
        error: { class: 'TypeError', message: 'bad row 3' },
      })
      expect(pending.error!.stack!.split('\n').length).toBeLessThanOrEqual(12)
      expect(pending.error!.stack!.startsWith('TypeError: bad row 3')).toBe(true)
      expect(await group.stage(1).record()).toMatchObject({ status: 'running', open: 1 })
      expect(queue.payloads).toEqual([])
      const t2 = ns.clock.now()
      const final = (await ledger.stagedJob(flaky)).run(() => Promise.reject('gave up'))
      await expect(final).rejects.toBe('gave up')
      const failed = await (await ledger.stagedJob(flaky)).record()
      expect(failed).toMatchObject({ status: 'failed', attempts: 2, startedAt: t2, finishedAt: t2 })
      expect(failed.error).toEqual({ class: 'string', message: 'gave up', stack: null })
      expect((await group.record()).firstFailure).toMatchObject({
        name: 'Flaky',
        error: { class: 'string', message: 'gave up', stack: null },
      })
      expect(queue.names()).toEqual(['After:[]'])
    })

    it('keeps a bounded compact summary summaryTtlMs after the details', async () => {
      const queue = new TestQueue()
      const summaryTtlMs = 2 * HOUR
      const policy = { keepCompletedMs: HOUR, summaryTtlMs }
      const ledger = ns.another({ ...queue.options, defaults: { group: policy } })
      const group = await ledger.withinGrouping(
        { name: 'big', description: 'x'.repeat(500) },
        async (g) => {
          for (let n = 1; n <= 30; n++) await g.stage(n).enqueue('Step', [n])
        },
      )
      for (let n = 1; n <= 30; n++) await work(ledger, queue.drain())
      const full = await group.record()
      expect(full).toMatchObject({ state: 'succeeded', stageCount: 30, compact: false })
      ns.clock.advance(HOUR)
      const compact = await ledger.store.stages.readGroup(group.id)
      expect(compact).toEqual({ ...full, compact: true, expiresAt: full.expiresAt + summaryTtlMs })
      expect(JSON.stringify(compact).length).toBeLessThan(1_500)
      expect(await ledger.store.stages.readStageJobs(group.id, 1)).toEqual([])
      expect((await ledger.list({ kind: 'group' })).items[0]?.summary).toMatchObject({
        id: group.id,
        compact: true,
        stages: [],
      })
      ns.clock.advance(summaryTtlMs)
      expect(await ledger.store.stages.readGroup(group.id)).toBeNull()
      expect((await ledger.list({ kind: 'group' })).items).toEqual([])
    })
  })
}
