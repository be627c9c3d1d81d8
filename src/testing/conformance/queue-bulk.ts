import { describe, expect, it } from 'vitest'
import type { Queue } from '../../facades/queue.js'
import { eventually } from '../wait.js'
import type { StoreHarness } from './harness.js'
import { useNamespace } from './use-namespace.js'

/** Pushes `count` items and settles each as it comes: `outcome(i)` says which way. */
async function settleItems(
  q: Queue<number>,
  count: number,
  outcome: (i: number) => 'finish' | 'fail' | 'leave',
): Promise<string[]> {
  const ids = await Promise.all(Array.from({ length: count }, (_, i) => q.createAndPush(i)))
  for (let i = 0; i < count; i++) {
    const way = outcome(i)
    if (way === 'leave') continue
    const item = await q.tryPopAndStart()
    if (way === 'finish') await item!.finish(i)
    else await item!.fail([new Error(`bad ${i}`)])
  }
  return ids
}

/** Bulk actions of a queue: retry every failed item and clean settled items by age. */
export function queueBulkConformance(harness: StoreHarness): void {
  describe('tracked queue bulk actions', () => {
    const ns = useNamespace(harness)

    it('retries failed items oldest first, page by page, up to the limit, touching no other item', async () => {
      const q = ns.ledger.queue<number>('retry-all')
      const ids = await settleItems(q, 235, (i) =>
        i === 0 ? 'finish' : i < 231 ? 'fail' : 'leave',
      )
      expect(await q.counts()).toEqual({ waiting: 4, running: 0, finished: 1, failed: 230 })
      const failedOrder = (await q.list('failed', { limit: 1000 })).items.map((item) => item.id)
      expect(new Set(failedOrder)).toEqual(new Set(ids.slice(1, 231)))
      const first = await q.bulk.retryFailed({ limit: 150 })
      expect(first).toEqual({ retried: 150, failed: 80 })
      const stillFailed = (await q.list('failed', { limit: 1000 })).items.map((item) => item.id)
      expect(stillFailed).toEqual(failedOrder.slice(150))
      const waiting = (await q.list('waiting', { limit: 1000 })).items
      expect(waiting.map((item) => item.id)).toEqual([
        ...ids.slice(231),
        ...failedOrder.slice(0, 150),
      ])
      expect(waiting.every((item) => item.attempts === 0 && item.errors === null)).toBe(true)
      expect(await q.bulk.retryFailed()).toEqual({ retried: 80, failed: 0 })
      expect(await q.bulk.retryFailed()).toEqual({ retried: 0, failed: 0 })
      expect(await q.counts()).toEqual({ waiting: 234, running: 0, finished: 1, failed: 0 })
    })

    it('retries each failed item once when two ledgers retry all at the same time', async () => {
      const q = ns.ledger.queue<number>('retry-race')
      await settleItems(q, 120, () => 'fail')
      const other = ns.another().queue<number>('retry-race')
      const [a, b] = await Promise.all([q.bulk.retryFailed(), other.bulk.retryFailed()])
      expect(a.retried + b.retried).toBe(120)
      expect(await q.counts()).toEqual({ waiting: 120, running: 0, finished: 0, failed: 0 })
    })

    it('cleans settled items older than the cutoff, oldest first, up to the limit', async () => {
      const q = ns.ledger.queue<number>('clean')
      const old = await settleItems(q, 6, (i) => (i < 4 ? 'finish' : 'fail'))
      const boundary = Math.max(
        ...(await Promise.all(old.map(async (id) => (await q.get(id)).finishedAt!))),
      )
      await eventually(() => ns.ledger.store.now() > boundary + 1000, 'the store clock moves on')
      const recent = await settleItems(q, 3, () => 'finish')
      const olderThanMs = ns.ledger.store.now() - boundary
      const limited = await q.bulk.clean({ state: 'finished', olderThanMs, limit: 3 })
      expect(limited).toMatchObject({ state: 'finished', matched: 3, deleted: 3 })
      const left = (await q.list('finished', { limit: 100 })).items
      expect(left.map((item) => item.id)).toEqual([old[3], ...recent])
      const rest = await q.bulk.clean({ state: 'finished', olderThanMs })
      expect(rest.cutoff).toBeGreaterThanOrEqual(boundary)
      const eligible = left.filter((item) => item.finishedAt! <= rest.cutoff).map((item) => item.id)
      expect(eligible).toContain(old[3])
      expect(rest).toMatchObject({ matched: eligible.length, deleted: eligible.length, scanned: 4 })
      expect(rest.complete).toBe(true)
      const kept = (await q.list('finished', { limit: 100 })).items.map((item) => item.id)
      expect(kept).toEqual(left.map((item) => item.id).filter((id) => !eligible.includes(id)))
      expect((await q.counts()).failed).toBe(2)
    })

    it('counts without deleting on a dry run, and cleans failed items on their own', async () => {
      const q = ns.ledger.queue<number>('clean-dry')
      await settleItems(q, 5, (i) => (i < 2 ? 'finish' : i < 4 ? 'fail' : 'leave'))
      const before = await q.counts()
      const dry = await q.bulk.clean({ state: 'failed', olderThanMs: 0, dryRun: true })
      expect(dry).toMatchObject({ matched: 2, deleted: 0, scanned: 2, complete: true })
      expect(await q.counts()).toEqual(before)
      const wet = await q.bulk.clean({ state: 'failed', olderThanMs: 0 })
      expect(wet).toMatchObject({ matched: 2, deleted: 2 })
      expect(await q.counts()).toEqual({ ...before, failed: 0 })
    })

    it('refuses bad options with INVALID_ARGUMENT and changes nothing', async () => {
      const q = ns.ledger.queue<number>('bulk-input')
      await settleItems(q, 3, (i) => (i === 0 ? 'finish' : 'fail'))
      const before = await q.counts()
      const attempts: (() => Promise<unknown>)[] = [
        () => q.bulk.retryFailed({ limit: 0 }),
        () => q.bulk.retryFailed({ limit: 10_001 }),
        () => q.bulk.retryFailed({ limit: 1.5 }),
        () => q.bulk.clean({ state: 'waiting' as never, olderThanMs: 0 }),
        () => q.bulk.clean({ state: 'failed', olderThanMs: -1 }),
        () => q.bulk.clean({ state: 'failed' } as never),
        () => q.bulk.clean({ state: 'failed', olderThanMs: 0, limit: 0 }),
        () => q.bulk.clean({ state: 'failed', olderThanMs: 0, dryRun: 'yes' as never }),
        () => q.bulk.clean(null as never),
      ]
      for (const attempt of attempts)
        await expect(attempt()).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
      expect(await q.counts()).toEqual(before)
    })
  })
}
