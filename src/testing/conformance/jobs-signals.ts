import { describe, expect, it } from 'vitest'
import type { StoreHarness } from './harness.js'
import { jobRef } from './job-refs.js'
import { useNamespace } from './use-namespace.js'

const cb = (name: string, ...args: unknown[]) => ({ name, args })

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

  describe('distributed job callbacks (store)', () => {
    const ns = useNamespace(harness, { manualClock: true })

    it('copies the callbacks of a signal into the outbox in the write that fires it, once', async () => {
      const { jobs } = ns.ledger.store
      const ref = jobRef(ns.ledger, 'cb')
      await jobs.pushParts(ref, ['a', 'b'], true, 'p')
      await jobs.registerCallback(ref, '', 'settled', cb('summary', 'cb', 1), 'r1')
      await jobs.registerCallback(ref, '', 'settled', cb('notify', { to: 'ops' }), 'r2')
      expect(await jobs.readCallbacks('cb', '', 'settled')).toEqual([
        cb('summary', 'cb', 1),
        cb('notify', { to: 'ops' }),
      ])
      expect((await jobs.donePart(ref, 'a', { kind: 'succeeded' }, 'd1')).due).toEqual([])
      expect(await jobs.readOutbox('cb')).toEqual([])
      const last = await jobs.donePart(ref, 'b', { kind: 'succeeded' }, 'd2')
      expect(last).toMatchObject({
        lastOfClosedUnit: true,
        due: [{ scope: '', signal: 'settled' }],
      })
      const due = {
        scope: '',
        signal: 'settled',
        dueAt: ns.clock.now(),
        callbacks: [cb('summary', 'cb', 1), cb('notify', { to: 'ops' })],
      }
      expect(await jobs.readOutbox('cb')).toEqual([due])
      const repeat = await jobs.donePart(ref, 'b', { kind: 'succeeded' }, 'd2')
      expect(repeat).toMatchObject({ lastOfClosedUnit: true, due: [] })
      expect(await jobs.readOutbox('cb')).toEqual([due])
    })

    it('replaces a callback registered again under its name', async () => {
      const { jobs } = ns.ledger.store
      const ref = jobRef(ns.ledger, 'again')
      await jobs.registerCallback(ref, '', 'failed', cb('page', 1), 'r1')
      expect((await jobs.registerCallback(ref, '', 'failed', cb('page', 2), 'r2')).registered).toBe(
        1,
      )
      expect(await jobs.readCallbacks('again', '', 'failed')).toEqual([cb('page', 2)])
    })

    it('creates the job for a job-scope registration, answering created to its repeat', async () => {
      const { jobs } = ns.ledger.store
      const ref = jobRef(ns.ledger, 'fresh')
      const first = await jobs.registerCallback(ref, '', 'settled', cb('x'), 'r')
      const again = await jobs.registerCallback(ref, '', 'settled', cb('x'), 'r')
      expect([first.created, again.created]).toEqual([true, true])
      expect(await ns.ledger.job('fresh').summary()).toMatchObject({ state: 'open', total: 0 })
    })

    it('refuses a callback on a signal that already fired with INVALID_TRANSITION, writing nothing', async () => {
      const { jobs } = ns.ledger.store
      const ref = jobRef(ns.ledger, 'late')
      await jobs.pushParts(ref, [], true, 'p')
      const before = await ns.ledger.job('late').expiresIn()
      ns.clock.advance(50_000_000)
      await expect(jobs.registerCallback(ref, '', 'settled', cb('x'), 'r')).rejects.toMatchObject({
        code: 'INVALID_TRANSITION',
      })
      expect(await jobs.readCallbacks('late', '', 'settled')).toEqual([])
      expect(await ns.ledger.job('late').expiresIn()).toBe((before ?? 0) - 50_000)
      expect((await jobs.registerCallback(ref, '', 'stopped', cb('x'), 'r2')).registered).toBe(1)
    })

    it('refuses a batch-scope callback for a batch that does not exist, and the 17th of a signal', async () => {
      const { jobs } = ns.ledger.store
      const ref = jobRef(ns.ledger, 'full')
      await expect(
        jobs.registerCallback(ref, 'batch:0', 'settled', cb('x'), 'r'),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' })
      expect(await ns.ledger.job('full').summary()).toBeNull()
      for (let i = 0; i < 16; i++)
        await jobs.registerCallback(ref, '', 'failed', cb(`c${i}`), `r${i}`)
      await expect(
        jobs.registerCallback(ref, '', 'failed', cb('c16'), 'r16'),
      ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
      expect(await jobs.readCallbacks('full', '', 'failed')).toHaveLength(16)
    })

    it("makes a batch's callbacks due when its tracker settles it, then its job's", async () => {
      const { jobs, batches } = ns.ledger.store
      const job = ns.ledger.job('batched')
      const { index } = await job.addBatch(['1'])
      await job.close()
      const ref = jobRef(ns.ledger, 'batched')
      await jobs.registerCallback(ref, `batch:${index}`, 'settled', cb('batch-done'), 'r1')
      await jobs.registerCallback(ref, '', 'succeeded', cb('job-done'), 'r2')
      const outcomes = {
        index,
        processed: ['1'],
        skipped: [],
        errored: [],
        missing: [],
        complete: true,
      }
      const report = await batches.reportBatch(ref, outcomes, 'rep')
      expect(report.fired).toEqual([
        { scope: 'batch:0', signal: 'settled' },
        { scope: 'batch:0', signal: 'succeeded' },
        { scope: '', signal: 'settled' },
        { scope: '', signal: 'succeeded' },
      ])
      expect(report.due).toEqual([
        { scope: 'batch:0', signal: 'settled' },
        { scope: '', signal: 'succeeded' },
      ])
      const outbox = await jobs.readOutbox('batched')
      expect(outbox.map((entry) => [entry.scope, entry.signal, entry.callbacks])).toEqual([
        ['batch:0', 'settled', [cb('batch-done')]],
        ['', 'succeeded', [cb('job-done')]],
      ])
    })

    it('keeps an outbox entry until each of its callbacks is confirmed, past the details', async () => {
      const { jobs } = ns.ledger.store
      const ref = jobRef(ns.ledger, 'confirm', 1_000)
      await jobs.registerCallback(ref, '', 'stopped', cb('a'), 'r1')
      await jobs.registerCallback(ref, '', 'stopped', cb('b'), 'r2')
      await jobs.stopJob(ref, 'enough', 's')
      ns.clock.advance(2_000)
      expect(await ns.ledger.job('confirm').summary()).toMatchObject({ compact: true })
      expect(await jobs.confirmCallback('confirm', '', 'stopped', 'a', 'c1')).toBe(true)
      expect(await jobs.confirmCallback('confirm', '', 'stopped', 'a', 'c2')).toBe(false)
      expect((await jobs.readOutbox('confirm'))[0]?.callbacks).toEqual([cb('b')])
      expect(await jobs.confirmCallback('confirm', '', 'stopped', 'b', 'c3')).toBe(true)
      expect(await jobs.readOutbox('confirm')).toEqual([])
      expect(await jobs.confirmCallback('confirm', '', 'stopped', 'zz', 'c4')).toBe(false)
    })

    it(`makes the settled callbacks due exactly once under 8 racing connections with duplicates`, async () => {
      const token = 'race'
      const ref = jobRef(ns.ledger, token)
      await ns.ledger.store.jobs.registerCallback(ref, '', 'settled', cb('once'), 'r')
      const parts = Array.from({ length: 400 }, (_, i) => String(i))
      await ns.ledger.job(token).push(...parts)
      const workers = Array.from({ length: 8 }, () => ns.another())
      const closing = ns.another().store.jobs.closeJob(ref, 'close')
      const results = await Promise.all(
        workers.flatMap((ledger, w) =>
          parts
            .filter((_, i) => i % 8 === w || i % 5 === 0)
            .map((part) =>
              ledger.store.jobs.donePart(ref, part, { kind: 'succeeded' }, `${w}-${part}`),
            ),
        ),
      )
      const all = [...results, await closing]
      expect(all.filter((r) => r.lastOfClosedUnit)).toHaveLength(1)
      expect(all.flatMap((r) => r.due)).toEqual([{ scope: '', signal: 'settled' }])
      expect(all.filter((r) => r.due.length > 0)[0]?.lastOfClosedUnit).toBe(true)
      expect(await ns.ledger.store.jobs.readOutbox(token)).toHaveLength(1)
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
