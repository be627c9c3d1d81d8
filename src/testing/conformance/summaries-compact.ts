import { describe, expect, it } from 'vitest'
import type { StoreHarness } from './harness.js'
import { TestQueue, work } from './stages-queue.js'
import { useNamespace } from './use-namespace.js'

const SECOND = 1_000

/**
 * Every facade read of a job or group answers its compact summary, marked `compact`, once the
 * details expired and until the summary ttl ends; then each answers nothing.
 */
export function summariesCompactConformance(harness: StoreHarness): void {
  describe('compact summaries, read everywhere', () => {
    const ns = useNamespace(harness, { manualClock: true })

    it("reads a job's compact summary through summary, report, status, list and diagnose", async () => {
      const job = ns.ledger.job(undefined, { ttlMs: SECOND, summaryTtlMs: 10 * SECOND, name: 'n' })
      await job.addBatch(['1', '2'])
      await job.push('x')
      await job.close()
      await ns.ledger.tracker({ job: job.token, batch: 0 }).eachRecord(() => undefined)
      await job.fail('x', 'boom')
      const live = await ns.ledger.list({ kind: 'job' })
      const liveStatus = await job.status()
      ns.clock.advance(2 * SECOND)

      expect(await job.summary()).toMatchObject({ compact: true, state: 'finished' })
      expect(await job.report()).toMatchObject({ items: 2, processed: 2, finished: true })
      const status = await job.status()
      expect(status?.toJSON()).toEqual({ ...liveStatus?.toJSON(), compact: true })
      expect(status).toMatchObject({ status: 'failed', progress: 2, total: 2 })
      const listed = await ns.ledger.list({ kind: 'job' })
      expect(listed.items.map((item) => [item.id, item.summary.compact])).toEqual([
        [job.token, true],
      ])
      expect(listed.items[0]!.summary).toEqual({ ...live.items[0]!.summary, compact: true })
      const finished = await ns.ledger.list({ kind: 'job', state: 'failed' })
      expect(finished.items.map((item) => item.id)).toEqual([job.token])
      expect(await ns.ledger.diagnose(job.token)).toMatchObject({ compact: true, healthy: true })

      ns.clock.advance(10 * SECOND)
      expect(await job.summary()).toBeNull()
      expect(await job.status()).toBeNull()
      expect((await ns.ledger.list({ kind: 'job' })).items).toEqual([])
    })

    it("reads a group's compact record through groupWithStages, list and diagnose", async () => {
      const queue = new TestQueue()
      const ledger = ns.another({ ...queue.options, keepCompletedMs: 0 })
      const policy = { ttlMs: 60 * SECOND, summaryTtlMs: 10 * SECOND }
      const group = await ledger.withinGrouping({ description: 'nightly', ...policy }, (g) =>
        g.stage(1).enqueue('A', []),
      )
      const live = await ledger.groupWithStages(group.id)
      expect(live).toMatchObject({ compact: false, stages: [{ number: 1 }] })
      await work(ledger, queue.drain())

      const compact = await ledger.groupWithStages(group.id)
      expect(compact).toMatchObject({
        id: group.id,
        compact: true,
        state: 'succeeded',
        counts: { successful: 1 },
        stages: [],
      })
      const listed = await ledger.list({ kind: 'group' })
      expect(listed.items.map((item) => [item.id, item.summary])).toEqual([[group.id, compact]])
      expect(await ledger.diagnose(group.id)).toMatchObject({ compact: true, healthy: true })

      ns.clock.advance(11 * SECOND)
      expect(await ledger.groupWithStages(group.id)).toBeNull()
      expect((await ledger.list({ kind: 'group' })).items).toEqual([])
    })

    it('refuses a bad group id in groupWithStages before reading', async () => {
      await expect(ns.ledger.groupWithStages('')).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      })
    })
  })
}
