import { describe, expect, it } from 'vitest'
import type { StoreHarness } from './harness.js'
import { jobRef } from './job-refs.js'
import { useNamespace } from './use-namespace.js'

/**
 * The four terminal signals of a job and its batches, with their times, recorded by the
 * write that causes them; startedAt and the duration (a manual clock makes the times exact).
 */
export function jobSignalConformance(harness: StoreHarness): void {
  describe('distributed job signals', () => {
    const ns = useNamespace(harness, { manualClock: true })

    it('records startedAt at the first settle, failed at the first failure, settled and succeeded at the end', async () => {
      const created = ns.clock.now()
      const job = ns.ledger.job()
      await job.push('a', 'b', 'c')
      await job.close()
      ns.clock.advance(100)
      await job.done('a')
      ns.clock.advance(100)
      await job.fail('b', 'broken')
      ns.clock.advance(100)
      await job.done('c')
      expect(await job.summary()).toMatchObject({
        createdAt: created,
        startedAt: created + 100,
        finishedAt: created + 300,
        durationMs: 300,
        signals: { failed: created + 200, stopped: null, settled: created + 300, succeeded: null },
        firstFailure: { part: 'b', reason: 'broken' },
        outcome: 'failed',
        compact: false,
      })
    })

    it('fires succeeded with settled when no part failed, and stopped at the first stop only', async () => {
      const job = ns.ledger.job()
      await job.push('a')
      ns.clock.advance(10)
      await job.stop()
      ns.clock.advance(10)
      await job.stop({ reason: 'late' })
      await job.close()
      ns.clock.advance(10)
      await job.done('a')
      const t0 = ns.clock.now() - 30
      expect((await job.summary())?.signals).toEqual({
        stopped: t0 + 10,
        settled: t0 + 30,
        succeeded: t0 + 30,
        failed: null,
      })
    })

    it('tells the write that fired a signal, and no other write, in its result', async () => {
      const { store } = ns.ledger
      const ref = jobRef(ns.ledger, 'fired')
      await store.jobs.pushParts(ref, ['a', 'b'], true, 'p')
      const first = await store.jobs.donePart(ref, 'a', { kind: 'failed', reason: 'x' }, 'd1')
      const again = await store.jobs.donePart(ref, 'a', { kind: 'failed', reason: 'x' }, 'd1')
      const last = await store.jobs.donePart(ref, 'b', { kind: 'succeeded' }, 'd2')
      const stop = await store.jobs.stopJob(ref, null, 's')
      expect(first.fired).toEqual([{ scope: '', signal: 'failed' }])
      expect(again.fired).toEqual([])
      expect(last.fired).toEqual([{ scope: '', signal: 'settled' }])
      expect(stop.fired).toEqual([{ scope: '', signal: 'stopped' }])
    })

    it("rolls a batch's signals into its job: errored items fail the batch and its part", async () => {
      const job = ns.ledger.job()
      await job.addBatch(['1', '2'])
      await job.addBatch(['3'])
      await job.close()
      ns.clock.advance(50)
      await ns.ledger.tracker({ job: job.token, batch: 0 }).eachRecord((id) => {
        if (id === '2') throw new Error('bad')
      })
      await ns.ledger.tracker({ job: job.token, batch: 1 }).eachRecord(() => {})
      const now = ns.clock.now()
      expect(await ns.ledger.batch(job.token, 0).record()).toMatchObject({
        items: 2,
        errored: 1,
        settled: true,
        startedAt: now,
        signals: { failed: now, settled: now, succeeded: null, stopped: null },
      })
      expect((await ns.ledger.batch(job.token, 1).record())?.signals).toMatchObject({
        settled: now,
        succeeded: now,
        failed: null,
      })
      expect(await job.summary()).toMatchObject({
        failed: 1,
        succeeded: 1,
        outcome: 'failed',
        firstFailure: { part: 'batch-0', reason: 'items errored: 1' },
      })
      expect((await job.failures()).failures).toEqual([
        { part: 'batch-0', reason: 'items errored: 1' },
      ])
    })

    it('fires a batch stopped when its tracker quits early because the job was stopped', async () => {
      const job = ns.ledger.job()
      const { index } = await job.addBatch(Array.from({ length: 400 }, (_, i) => i))
      let calls = 0
      await ns.ledger.tracker({ job: job.token, batch: index }).eachRecord(async () => {
        if (++calls === 1) await job.stop()
      })
      const record = await ns.ledger.batch(job.token, index).record()
      expect(record).toMatchObject({ settled: false, stopped: true })
      expect(record?.signals.stopped).toBe(ns.clock.now())
    })
  })

  describe('distributed job compact summaries', () => {
    const ns = useNamespace(harness, { manualClock: true })

    it("keeps a compact summary summaryTtlMs after a settled job's details expire", async () => {
      const job = ns.ledger.job(undefined, {
        ttlMs: 1_000,
        summaryTtlMs: 10_000,
        name: 'nightly',
        description: 'imports',
      })
      await job.addBatch(['1', '2'])
      await job.push('x')
      await job.close()
      await ns.ledger
        .tracker({ job: job.token, batch: 0 })
        .eachRecord((id) => (id === '1' ? 'skipped' : undefined))
      ns.clock.advance(100)
      await job.fail('x', 'timeout')
      const full = await job.summary()
      ns.clock.advance(1_500)
      expect(await job.isOpenPart('x')).toBe(false)
      expect(await job.failures()).toEqual({ failures: [], cursor: null })
      const compact = await job.summary()
      expect(compact).toEqual({ ...full, compact: true })
      expect(compact).toMatchObject({ name: 'nightly', state: 'finished', outcome: 'failed' })
      expect(await job.report()).toMatchObject({
        items: 2,
        processed: 1,
        skipped: 1,
        finished: true,
      })
      expect(await job.isFinished()).toBe(true)
      ns.clock.advance(10_000)
      expect(await job.summary()).toBeNull()
      expect(await job.report()).toBeNull()
    })

    it('keeps a stopped job as stopped, and an open job no longer than its details', async () => {
      const stopped = ns.ledger.job(undefined, { ttlMs: 1_000 })
      await stopped.push('a')
      await stopped.stop({ reason: 'enough' })
      const open = ns.ledger.job(undefined, { ttlMs: 1_000 })
      await open.push('a')
      ns.clock.advance(1_500)
      expect(await stopped.summary()).toMatchObject({
        compact: true,
        state: 'stopped',
        stopReason: 'enough',
        open: 1,
      })
      expect(await stopped.isStopped()).toBe(true)
      expect(await open.summary()).toBeNull()
    })
  })
}
