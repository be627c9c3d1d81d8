import { describe, expect, it } from 'vitest'
import type { OutcomeEntry } from '../../store/batch-store.js'
import { eventually } from '../wait.js'
import type { StoreHarness } from './harness.js'
import { useNamespace } from './use-namespace.js'

class WidgetGone extends Error {}

const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => String(from + i))
const byId = (a: OutcomeEntry, b: OutcomeEntry) => a.id.localeCompare(b.id)

/** The batch tracker: per-item outcomes written in one step, stops, crashes and re-runs. */
export function batchTrackerConformance(harness: StoreHarness): void {
  describe('batches: tracker', () => {
    const ns = useNamespace(harness)

    it('marks records processed, skipped or errored and writes them when the batch ends', async () => {
      const job = ns.ledger.job()
      const { index } = await job.addBatch(['1', '2', '3', '4', '5'])
      await job.close()
      const seen: string[] = []
      const report = await ns.ledger.tracker({ job: job.token, batch: index }).eachRecord((id) => {
        seen.push(id)
        if (id === '2') return 'skipped'
        if (id === '4') throw new WidgetGone('widget 4 is gone')
        if (id === '5') throw new TypeError('bad row')
        return undefined
      })
      expect(seen.sort()).toEqual(['1', '2', '3', '4', '5'])
      expect(report).toEqual({
        job: job.token,
        batch: index,
        processed: 2,
        skipped: 1,
        errored: 2,
        missing: 0,
        remaining: 0,
        stopped: false,
        batchDone: true,
        jobFinished: true,
      })
      expect(await job.report()).toMatchObject({
        items: 5,
        processed: 2,
        skipped: 1,
        errored: 2,
        batchesDone: 1,
        finished: true,
      })
      const errored = (await job.outcomes('errored')).entries.sort(byId)
      expect(errored).toEqual([
        { batch: index, id: '4', message: 'WidgetGone: widget 4 is gone' },
        { batch: index, id: '5', message: 'TypeError: bad row' },
      ])
      expect((await job.outcomes('skipped')).entries).toEqual([
        { batch: index, id: '2', message: null },
      ])
      expect(await ns.ledger.batch(job.token, index).items()).toEqual([])
      expect(await job.isOpenPart(`batch-${index}`)).toBe(false)
    })

    it('maps records from load back by idOf whatever their order, and reports the ones load left out as missing', async () => {
      const job = ns.ledger.job()
      const { index } = await job.addBatch([10, 11, 12, 13])
      const calls: string[][] = []
      const tracker = ns.ledger.tracker({
        job: job.token,
        batch: index,
        load: async (wanted: string[]) => {
          calls.push([...wanted].sort())
          return [{ key: 13 }, { key: 99 }, { key: 10 }, { key: 13 }]
        },
        idOf: (row: { key: number }) => row.key,
      })
      const seen: number[] = []
      const report = await tracker.eachRecord((row) => {
        seen.push(row.key)
      })
      expect(calls).toEqual([['10', '11', '12', '13']])
      expect(seen).toEqual([13, 10])
      expect(report).toMatchObject({
        processed: 2,
        missing: 2,
        batchDone: true,
        jobFinished: false,
      })
      const missing = (await job.outcomes('missing')).entries.map((e) => e.id).sort()
      expect(missing).toEqual(['11', '12'])
      expect(await job.report()).toMatchObject({ processed: 2, missing: 2, finished: false })
    })

    it('runs up to `concurrency` records at once', async () => {
      const job = ns.ledger.job()
      const { index } = await job.addBatch(ids(40))
      let running = 0
      let peak = 0
      const report = await ns.ledger
        .tracker({ job: job.token, batch: index, concurrency: 4 })
        .eachRecord(async () => {
          peak = Math.max(peak, ++running)
          await new Promise((resolve) => setImmediate(resolve))
          running--
        })
      expect(peak).toBe(4)
      expect(report.processed).toBe(40)
    })

    it('stops taking records soon after the job is stopped and leaves the rest pending', async () => {
      const job = ns.ledger.job()
      const { index } = await job.addBatch(ids(1000))
      await job.close()
      let calls = 0
      const report = await ns.ledger
        .tracker({ job: job.token, batch: index })
        .eachRecord(async () => {
          if (++calls === 50) await ns.another().job(job.token).stop({ reason: 'enough' })
        })
      expect(calls).toBeGreaterThanOrEqual(50)
      expect(calls).toBeLessThanOrEqual(150)
      expect(report).toMatchObject({
        processed: calls,
        remaining: 1000 - calls,
        stopped: true,
        batchDone: false,
        jobFinished: false,
      })
      expect(await ns.ledger.batch(job.token, index).items()).toHaveLength(1000 - calls)
      expect(await job.isOpenPart(`batch-${index}`)).toBe(true)
      expect(await job.report()).toMatchObject({ processed: calls, stopped: true, batchesDone: 0 })
      const again = await ns.ledger.tracker({ job: job.token, batch: index }).eachRecord(() => {})
      expect(again).toMatchObject({ processed: 0, remaining: 1000 - calls, stopped: true })
    })

    it('loses nothing when a tracker dies mid-batch: a re-run processes the whole batch', async () => {
      const job = ns.ledger.job()
      const { index } = await job.addBatch(ids(20))
      await job.close()
      let started = 0
      void ns.ledger
        .tracker({ job: job.token, batch: index })
        .eachRecord(() => (++started === 5 ? new Promise(() => {}) : undefined))
      await eventually(() => started === 5, 'the first tracker hangs on its fifth record')
      const rerun = ns.another().tracker({ job: job.token, batch: index })
      const report = await rerun.eachRecord((id) => (id === '3' ? 'skipped' : undefined))
      expect(report).toMatchObject({
        processed: 19,
        skipped: 1,
        batchDone: true,
        jobFinished: true,
      })
    })

    it('counts nothing twice when the same batch is tracked again or by two trackers at once', async () => {
      const job = ns.ledger.job()
      const first = await job.addBatch(ids(300))
      const second = await job.addBatch(ids(300, 300))
      await job.close()
      const fail = (id: string) => {
        if (Number(id) % 7 === 0) throw new Error(`no ${id}`)
      }
      const done = await ns.ledger.tracker({ job: job.token, batch: first.index }).eachRecord(fail)
      expect(done).toMatchObject({ processed: 257, errored: 43, batchDone: true })
      const repeat = await ns.ledger
        .tracker({ job: job.token, batch: first.index })
        .eachRecord(fail)
      expect(repeat).toMatchObject({
        processed: 0,
        errored: 0,
        batchDone: false,
        jobFinished: false,
      })
      const twins = await Promise.all(
        [ns.ledger, ns.another()].map((ledger) =>
          ledger.tracker({ job: job.token, batch: second.index, concurrency: 3 }).eachRecord(fail),
        ),
      )
      expect(twins.map((r) => r.processed + r.errored).reduce((a, b) => a + b)).toBe(300)
      expect(twins.filter((r) => r.batchDone)).toHaveLength(1)
      expect(twins.filter((r) => r.jobFinished)).toHaveLength(1)
      expect(await job.report()).toMatchObject({
        items: 600,
        processed: 514,
        errored: 86,
        batchesDone: 2,
        finished: true,
      })
      const pages: OutcomeEntry[] = []
      let cursor: string | null = null
      do {
        const page = await job.outcomes('errored', { cursor, limit: 10 })
        pages.push(...page.entries)
        cursor = page.cursor
      } while (cursor !== null)
      expect(pages).toHaveLength(86)
      expect(new Set(pages.map((e) => e.id)).size).toBe(86)
    })

    it('returns a report without writing when the job was stopped before the tracker began', async () => {
      const job = ns.ledger.job()
      const { index } = await job.addBatch(['a', 'b'])
      await job.stop()
      let calls = 0
      const report = await ns.ledger.tracker({ job: job.token, batch: index }).eachRecord(() => {
        calls++
      })
      expect(calls).toBe(0)
      expect(report).toMatchObject({ processed: 0, remaining: 2, stopped: true, batchDone: false })
    })
  })
}
