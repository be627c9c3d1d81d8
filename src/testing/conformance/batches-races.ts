import { describe, expect, it } from 'vitest'
import type { BatchReport } from '../../facades/tracker.js'
import type { StoreHarness } from './harness.js'
import { useNamespace } from './use-namespace.js'

const TRACKERS = 8
const BATCHES = 200
const ITEMS_PER_BATCH = 50

/** Batches under concurrent writers on separate connections. */
export function batchRaceConformance(harness: StoreHarness): void {
  describe('batches: races', () => {
    const ns = useNamespace(harness)

    it(`hands out distinct indexes 0..n-1 to ${TRACKERS} writers adding batches at once`, async () => {
      const token = ns.ledger.job().token
      const writers = Array.from({ length: TRACKERS }, () => ns.another().job(token))
      const added = await Promise.all(
        writers.map((job, w) =>
          Promise.all(Array.from({ length: 25 }, (_, i) => job.addBatch([`${w}-${i}`]))),
        ),
      )
      const indexes = added.flat().map((batch) => batch.index)
      expect(indexes.sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i))
      expect(await ns.ledger.job(token).report()).toMatchObject({ batches: 200, items: 200 })
    })

    it(`counts every item once when ${TRACKERS} trackers work the same batch at once`, async () => {
      const job = ns.ledger.job()
      const items = Array.from({ length: 300 }, (_, i) => i)
      const { index } = await job.addBatch(items)
      await job.close()
      const reports = await Promise.all(
        Array.from({ length: TRACKERS }, (_, t) =>
          ns
            .another()
            .tracker({ job: job.token, batch: index, concurrency: 4 })
            .eachRecord((id) => (Number(id) % 7 === t % 7 ? 'skipped' : undefined)),
        ),
      )
      const counted = reports.reduce((sum, r) => sum + r.processed + r.skipped, 0)
      expect(counted).toBe(items.length)
      expect(reports.filter((r) => r.batchDone)).toHaveLength(1)
      expect(reports.filter((r) => r.jobFinished)).toHaveLength(1)
      const report = await job.report()
      expect(report).toMatchObject({ items: 300, batchesDone: 1, finished: true })
      expect(report!.processed + report!.skipped).toBe(300)
      const skipped = await job.outcomes('skipped', { limit: 1000 })
      expect(skipped.entries).toHaveLength(report!.skipped)
      expect(new Set(skipped.entries.map((entry) => entry.id)).size).toBe(report!.skipped)
    })

    it(`tells exactly one of ${TRACKERS} concurrent trackers over ${BATCHES} batches that the job finished`, async () => {
      const job = ns.ledger.job()
      const items = Array.from({ length: BATCHES * ITEMS_PER_BATCH }, (_, i) => i)
      const indexes: number[] = []
      await job.addBatches(items, { size: ITEMS_PER_BATCH }, (batch) => indexes.push(batch.index))
      const queue = [...indexes]
      const worker = async (): Promise<BatchReport[]> => {
        const ledger = ns.another()
        const reports: BatchReport[] = []
        for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
          const tracker = ledger.tracker({ job: job.token, batch: index, concurrency: 2 })
          reports.push(
            await tracker.eachRecord((id) => {
              const n = Number(id)
              if (n % 10 === 0) return 'skipped'
              if (n % 25 === 1) throw new RangeError(`item ${id}`)
              return undefined
            }),
          )
        }
        return reports
      }
      const reports = (await Promise.all(Array.from({ length: TRACKERS }, worker))).flat()
      expect(reports).toHaveLength(BATCHES)
      expect(reports.filter((r) => r.jobFinished)).toHaveLength(1)
      expect(reports.every((r) => r.batchDone)).toBe(true)
      const total = BATCHES * ITEMS_PER_BATCH
      const skipped = total / 10
      const errored = total / 25
      expect(await job.report()).toEqual({
        items: total,
        processed: total - skipped - errored,
        skipped,
        errored,
        missing: 0,
        batches: BATCHES,
        batchesDone: BATCHES,
        finished: true,
        stopped: false,
      })
      const sum = (key: 'processed' | 'skipped' | 'errored') =>
        reports.reduce((acc, r) => acc + r[key], 0)
      expect([sum('processed'), sum('skipped'), sum('errored')]).toEqual([
        total - skipped - errored,
        skipped,
        errored,
      ])
    })
  })
}
