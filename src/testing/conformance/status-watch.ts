import { describe, expect, it } from 'vitest'
import type { StatusSnapshot } from '../../domain/status-snapshot.js'
import { eventually } from '../wait.js'
import type { StoreHarness } from './harness.js'
import { useNamespace } from './use-namespace.js'

/** Watching a status from another ledger (another connection), and a job's derived status. */
export function statusWatchConformance(harness: StoreHarness): void {
  describe('status: watch and job status', () => {
    const ns = useNamespace(harness)

    it('delivers changes written through another connection, ending with the final state', async () => {
      const watcher = ns.another()
      const seen: StatusSnapshot[] = []
      const watching = (async () => {
        for await (const snap of watcher.watch('w1')) {
          seen.push(snap)
          if (snap.isCompleted) break
        }
      })()
      const status = ns.ledger.status('w1')
      await status.update({ status: 'queued' })
      await eventually(() => seen.length > 0, 'the watcher sees the status')
      await ns.ledger.track('w1', async (tracked) => {
        await tracked.update({ step: 'A', total: 2 })
        await tracked.progress.increment()
        await tracked.progress.increment()
      })
      await watching
      const last = seen.at(-1)!
      expect(last.toJSON()).toEqual({ status: 'completed', progress: 2, total: 2, step: 'A' })
      const revs = seen.map((snap) => snap.rev)
      expect(revs).toEqual([...revs].sort((a, b) => a - b))
      expect(new Set(revs).size).toBe(revs.length)
    })

    it('starts with the current snapshot and stops on abort', async () => {
      await ns.ledger.status('w2').update({ status: 'working', step: 'A' })
      const controller = new AbortController()
      const seen: string[] = []
      for await (const snap of ns.another().watch('w2', { signal: controller.signal })) {
        seen.push(String(snap.fields.step))
        if (seen.length === 1) {
          await ns.ledger.status('w2').set('step', 'B')
        } else {
          controller.abort()
        }
      }
      expect(seen).toEqual(['A', 'B'])
    })

    it('ends a watch when its ledger closes', async () => {
      const watcher = ns.another()
      const iterator = watcher.watch('w3')[Symbol.asyncIterator]()
      const next = iterator.next()
      await ns.ledger.status('w3').set('step', 'A')
      expect((await next).value).toMatchObject({ fields: { step: 'A' } })
      const after = iterator.next()
      await watcher.close()
      expect(await after).toEqual({ done: true, value: undefined })
    })

    it('derives a distributed job status from its parts, with no status writes', async () => {
      const job = ns.ledger.job('agg')
      expect(await job.status()).toBeNull()
      await job.pushEach(['a', 'b', 'c', 'd'], () => {})
      expect(await job.status()).toMatchObject({
        status: 'queued',
        progress: 0,
        total: 4,
        ratio: 0,
      })
      await job.done('0')
      await job.fail('1', 'bad')
      expect(await job.status()).toMatchObject({
        status: 'working',
        progress: 2,
        total: 4,
        ratio: 0.5,
      })
      await job.done('2')
      await job.done('3')
      const final = await job.status()
      expect(final?.toJSON()).toEqual({
        status: 'failed',
        progress: 4,
        total: 4,
        state: 'finished',
        open: 0,
        succeeded: 3,
        failed: 1,
      })
      expect(await ns.ledger.getStatus('agg')).toBeNull()
      expect((await ns.ledger.list({ kind: 'status' })).items).toEqual([])
    })

    it('derives a job status from item outcomes once its batches carry items', async () => {
      const job = ns.ledger.job()
      const first = await job.addBatch(['1', '2', '3'])
      await job.addBatch(['4', '5'])
      await job.close()
      expect(await job.status()).toMatchObject({ status: 'queued', progress: 0, total: 5 })
      await ns.ledger.tracker({ job: job.token, batch: first.index }).eachRecord(async (id) => {
        if (id === '3') throw new Error('bad row')
        return id === '2' ? 'skipped' : undefined
      })
      expect(await job.status()).toMatchObject({
        status: 'working',
        progress: 3,
        total: 5,
        ratio: 0.6,
      })
    })
  })
}
