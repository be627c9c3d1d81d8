import { describe, expect, it } from 'vitest'
import type { StoreHarness } from './harness.js'
import { useNamespace } from './use-namespace.js'

/** The queue's FIFO order, its state machine and what each state keeps. */
export function queueBasicsConformance(harness: StoreHarness): void {
  describe('tracked queue basics', () => {
    const ns = useNamespace(harness)

    it('pops items in the order they were pushed, each moved to running', async () => {
      const q = ns.ledger.queue<{ n: number }>('fifo')
      const ids: string[] = []
      for (let n = 0; n < 20; n++) ids.push(await q.createAndPush({ n }))
      expect(new Set(ids).size).toBe(20)
      const popped = []
      for (let n = 0; n < 20; n++) popped.push(await q.tryPopAndStart())
      expect(popped.map((item) => item?.data.n)).toEqual([...Array(20).keys()])
      expect(popped.map((item) => item?.id)).toEqual(ids)
      expect(popped[0]).toMatchObject({ state: 'running', attempts: 1, queue: 'fifo' })
      expect(await q.tryPopAndStart()).toBeNull()
      expect(await q.counts()).toEqual({ waiting: 0, running: 20, finished: 0, failed: 0 })
    })

    it('stores a resource with data, result, errors, state and timestamps through its life', async () => {
      const q = ns.ledger.queue('life')
      const id = await q.createAndPush({ file: 'a.csv' })
      expect(await q.get(id)).toMatchObject({
        id,
        state: 'waiting',
        data: { file: 'a.csv' },
        result: null,
        errors: null,
        startedAt: null,
        finishedAt: null,
        attempts: 0,
      })
      const item = await q.popAndStart({ timeoutMs: 1000 })
      expect(item?.id).toBe(id)
      expect(item?.startedAt).toEqual(expect.any(Number))
      expect(item?.leaseUntil).toBeGreaterThan(item?.startedAt ?? 0)
      const finished = await item!.finish({ rows: 10 })
      expect(finished).toMatchObject({ state: 'finished', result: { rows: 10 }, errors: null })
      expect(finished.finishedAt).toBeGreaterThanOrEqual(finished.startedAt!)
      expect(await q.get(id)).toEqual(finished)
      expect(await q.counts()).toEqual({ waiting: 0, running: 0, finished: 1, failed: 0 })
    })

    it('fails with errors, keeps Error messages, and retries to the end of the queue', async () => {
      const q = ns.ledger.queue('failing')
      const id = await q.createAndPush({ n: 1 })
      const other = await q.createAndPush({ n: 2 })
      const item = await q.tryPopAndStart()
      const failed = await item!.fail([new TypeError('bad row 3'), 'and row 4'])
      expect(failed.errors).toEqual([{ name: 'TypeError', message: 'bad row 3' }, 'and row 4'])
      expect(failed.state).toBe('failed')
      const retried = await q.retry(id)
      expect(retried).toMatchObject({ state: 'waiting', errors: null, attempts: 0 })
      expect((await q.tryPopAndStart())?.id).toBe(other)
      const again = await q.tryPopAndStart()
      expect(again).toMatchObject({ id, attempts: 1, data: { n: 1 } })
      await q.finish(id, 'ok')
      await q.retry(id)
      expect(await q.counts()).toEqual({ waiting: 1, running: 1, finished: 0, failed: 0 })
    })

    it('refuses every illegal transition with INVALID_TRANSITION naming the state, changing nothing', async () => {
      const q = ns.ledger.queue('strict')
      const waiting = await q.createAndPush({ a: 1 })
      const before = await q.get(waiting)
      for (const attempt of [
        () => q.finish(waiting, 1),
        () => q.fail(waiting, ['x']),
        () => q.heartbeat(waiting),
        () => q.retry(waiting),
      ]) {
        const error = await attempt().catch((e: unknown) => e)
        expect(error).toMatchObject({ code: 'INVALID_TRANSITION', details: { state: 'waiting' } })
        expect((error as Error).message).toContain('it is waiting')
      }
      expect(await q.get(waiting)).toEqual(before)
      const running = await q.tryPopAndStart()
      await expect(q.retry(running!.id)).rejects.toMatchObject({
        code: 'INVALID_TRANSITION',
        message: expect.stringContaining('it is running'),
      })
      await running!.finish('done')
      const finished = await q.get(running!.id)
      for (const attempt of [() => q.finish(waiting, 2), () => running!.fail(['late'])]) {
        await expect(attempt()).rejects.toMatchObject({ code: 'INVALID_TRANSITION' })
      }
      await expect(running!.finish('twice')).rejects.toMatchObject({
        code: 'INVALID_TRANSITION',
        message: expect.stringContaining('it is finished'),
      })
      expect(await q.get(running!.id)).toEqual(finished)
      expect(await q.counts()).toEqual({ waiting: 0, running: 0, finished: 1, failed: 0 })
    })

    it('answers NOT_FOUND for unknown ids and changes nothing', async () => {
      const q = ns.ledger.queue('unknown')
      await q.createAndPush({})
      for (const attempt of [
        () => q.get('999'),
        () => q.finish('999', 1),
        () => q.fail('999', []),
        () => q.heartbeat('999'),
        () => q.retry('999'),
        () => q.delete('999'),
      ]) {
        await expect(attempt()).rejects.toMatchObject({ code: 'NOT_FOUND' })
      }
      expect(await q.counts()).toEqual({ waiting: 1, running: 0, finished: 0, failed: 0 })
    })

    it('deletes items in any state, out of every count and listing', async () => {
      const q = ns.ledger.queue('deleting')
      const [a, b, c, d] = [
        await q.createAndPush(1),
        await q.createAndPush(2),
        await q.createAndPush(3),
        await q.createAndPush(4),
      ]
      await q.delete(b!)
      const first = await q.tryPopAndStart()
      expect(first?.id).toBe(a)
      await q.delete(a!)
      await expect(first!.finish(null)).rejects.toMatchObject({ code: 'NOT_FOUND' })
      await (await q.tryPopAndStart())!.finish('x')
      await q.delete(c!)
      await expect(q.get(c!)).rejects.toMatchObject({ code: 'NOT_FOUND' })
      expect(await q.counts()).toEqual({ waiting: 1, running: 0, finished: 0, failed: 0 })
      expect((await q.list('waiting')).items.map((item) => item.id)).toEqual([d])
      expect((await q.tryPopAndStart())?.id).toBe(d)
    })

    it('lists each state page by page, every item once', async () => {
      const q = ns.ledger.queue('listing')
      const ids = []
      for (let n = 0; n < 23; n++) ids.push(await q.createAndPush({ n }))
      for (let n = 0; n < 5; n++) await (await q.tryPopAndStart())!.finish(n)
      await (await q.tryPopAndStart())!.fail('no')
      const seen: string[] = []
      let cursor: string | null = null
      do {
        const page = await q.list('waiting', { limit: 5, cursor })
        expect(page.items.length).toBeLessThanOrEqual(5)
        seen.push(...page.items.map((item) => item.id))
        cursor = page.cursor
      } while (cursor !== null)
      expect(seen).toEqual(ids.slice(6))
      const finished = await q.list('finished')
      expect(finished.items.map((item) => item.result)).toEqual([0, 1, 2, 3, 4])
      expect((await q.list('failed')).items).toMatchObject([{ id: ids[5], errors: ['no'] }])
      expect((await q.list('running')).items).toEqual([])
    })

    it('lists queues with their counts, registered once on the first push', async () => {
      const q = ns.ledger.queue('listed')
      await Promise.all([q.createAndPush(1), ns.another().queue('listed').createAndPush(2)])
      await (await q.tryPopAndStart())!.finish(1)
      const { items } = await ns.ledger.list({ kind: 'queue' })
      expect(items).toEqual([
        {
          kind: 'queue',
          id: 'listed',
          name: 'listed',
          description: null,
          createdAt: expect.any(Number),
          summary: { waiting: 1, running: 0, finished: 1, failed: 0 },
        },
      ])
    })
  })
}
