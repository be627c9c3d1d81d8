import { describe, expect, it } from 'vitest'
import type { StoreHarness } from './harness.js'
import { jobRef } from './job-refs.js'
import { useNamespace } from './use-namespace.js'

const cb = (name: string, ...args: unknown[]) => ({ name, args })

/**
 * The store side of durable completion: callbacks registered per (scope, signal), copied
 * into the outbox by the write that fires the signal (once, atomically with the settle),
 * confirmed one by one; the refusals that write nothing.
 */
export function jobCallbackConformance(harness: StoreHarness): void {
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

    it('lists the callbacks of a job per signal through job.callbacks(), with the names still due', async () => {
      const { jobs } = ns.ledger.store
      const ref = jobRef(ns.ledger, 'listed')
      await jobs.pushParts(ref, ['a'], true, 'p')
      await jobs.registerCallback(ref, '', 'settled', cb('summary', 1), 'r1')
      await jobs.registerCallback(ref, '', 'settled', cb('notify'), 'r2')
      await jobs.registerCallback(ref, '', 'failed', cb('page'), 'r3')
      const job = ns.another().job('listed')
      expect(await job.callbacks()).toEqual([
        { scope: '', signal: 'settled', callbacks: [cb('summary', 1), cb('notify')], due: [] },
        { scope: '', signal: 'failed', callbacks: [cb('page')], due: [] },
      ])
      await jobs.donePart(ref, 'a', { kind: 'succeeded' }, 'd')
      await jobs.confirmCallback('listed', '', 'settled', 'summary', 'c')
      expect((await job.callbacks())[0]).toMatchObject({ signal: 'settled', due: ['notify'] })
      expect(await job.callbacks({ batch: 0 })).toEqual([])
      await expect(job.callbacks({ batch: -1 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
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

    it('refuses a bad scope or signal with INVALID_ARGUMENT, creating nothing', async () => {
      const { jobs } = ns.ledger.store
      const ref = jobRef(ns.ledger, 'bad-scope')
      for (const [scope, signal] of [
        ['batch:x', 'settled'],
        ['stage:1', 'settled'],
        ['', 'finished'],
      ] as const)
        await expect(
          jobs.registerCallback(ref, scope, signal as never, cb('x'), 'r'),
        ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
      expect(await ns.ledger.job('bad-scope').summary()).toBeNull()
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

    it('answers a repeated confirm with its first answer, also after the entry went', async () => {
      const { jobs } = ns.ledger.store
      const ref = jobRef(ns.ledger, 'reconfirm', 1_000)
      await jobs.registerCallback(ref, '', 'stopped', cb('a'), 'r1')
      await jobs.registerCallback(ref, '', 'stopped', cb('b'), 'r2')
      await jobs.stopJob(ref, 'enough', 's')
      expect(await jobs.confirmCallback('reconfirm', '', 'stopped', 'a', 'c1')).toBe(true)
      expect(await jobs.confirmCallback('reconfirm', '', 'stopped', 'a', 'c1')).toBe(true)
      expect(await jobs.confirmCallback('reconfirm', '', 'stopped', 'a', 'other')).toBe(false)
      expect(await jobs.confirmCallback('reconfirm', '', 'stopped', 'b', 'c1')).toBe(true)
      expect(await jobs.readOutbox('reconfirm')).toEqual([])
      expect(await jobs.confirmCallback('reconfirm', '', 'stopped', 'b', 'c1')).toBe(true)
      expect(await jobs.confirmCallback('reconfirm', '', 'stopped', 'b', 'c2')).toBe(false)
      expect(await jobs.readOutbox('reconfirm')).toEqual([])
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
}
