import { describe, expect, it } from 'vitest'
import type { StoreHarness } from './harness.js'
import { useNamespace } from './use-namespace.js'

/** item.finishAndPopNext() / failAndPopNext(): a settle and the next pop in one step. */
export function queuePopNextConformance(harness: StoreHarness): void {
  describe('tracked queue settle and pop next', () => {
    const ns = useNamespace(harness, { manualClock: true })

    it('finishes the item and starts the oldest waiting one for the caller', async () => {
      const q = ns.ledger.queue<string, string>('chain')
      const ids = [await q.createAndPush('a'), await q.createAndPush('b')]
      const first = (await q.tryPopAndStart())!
      const { settled, next } = await first.finishAndPopNext('done a')
      expect(settled).toMatchObject({ id: ids[0], state: 'finished', result: 'done a' })
      expect(next).toMatchObject({ id: ids[1], state: 'running', data: 'b', attempts: 1 })
      expect(await q.counts()).toEqual({ waiting: 0, running: 1, finished: 1, failed: 0 })
      const last = await next!.failAndPopNext(new Error('no b'))
      expect(last.settled).toMatchObject({ state: 'failed', errors: [{ message: 'no b' }] })
      expect(last.next).toBeNull()
      expect(await q.counts()).toEqual({ waiting: 0, running: 0, finished: 1, failed: 1 })
    })

    it('hands the next item’s lease to the caller: its finish and heartbeat work', async () => {
      const q = ns.ledger.queue('leased')
      await q.createAndPush(1)
      const second = await q.createAndPush(2)
      const { next } = await (await q.tryPopAndStart())!.finishAndPopNext(null)
      expect(await next!.heartbeat()).toBeGreaterThan(0)
      expect(await next!.finish('two')).toMatchObject({ id: second, state: 'finished' })
    })

    it('answers a repeat with its opId with the same settled and next item', async () => {
      const q = ns.ledger.queue('repeat')
      await q.createAndPush('a')
      await q.createAndPush('b')
      await q.createAndPush('c')
      const item = (await q.tryPopAndStart())!
      const first = await item.finishAndPopNext('r', { opId: 'settle-a' })
      const again = await item.finishAndPopNext('r', { opId: 'settle-a' })
      expect(again.settled).toEqual(first.settled)
      expect(again.next?.toJSON()).toEqual(first.next?.toJSON())
      expect(await q.counts()).toEqual({ waiting: 1, running: 1, finished: 1, failed: 0 })
    })

    it('settles a start whose lease ran out before anyone reclaimed it, then sweeps', async () => {
      const q = ns.ledger.queue<string>('late', { leaseMs: 1_000, reclaimEveryMs: 1 })
      const late = await q.createAndPush('late')
      const next = await q.createAndPush('next')
      const item = (await q.tryPopAndStart())!
      ns.clock.advance(1_001)
      await new Promise((resolve) => setTimeout(resolve, 5))
      const answer = await item.finishAndPopNext('done late')
      expect(answer.settled).toMatchObject({ id: late, state: 'finished', result: 'done late' })
      expect(answer.next).toMatchObject({ id: next, state: 'running' })
    })

    it('refuses a lost lease or a bad result and changes nothing', async () => {
      const q = ns.ledger.queue('refused', { leaseMs: 60_000 })
      const id = await q.createAndPush('a')
      await q.createAndPush('b')
      const item = (await q.tryPopAndStart())!
      await expect(item.finishAndPopNext(() => 1)).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      })
      await q.fail(id, ['taken over'])
      await q.retry(id)
      await expect(item.finishAndPopNext('late')).rejects.toMatchObject({
        code: 'INVALID_TRANSITION',
      })
      const other = ns.another().queue('refused')
      await other.tryPopAndStart()
      expect((await other.tryPopAndStart())?.id).toBe(id)
      await expect(item.finishAndPopNext('late')).rejects.toMatchObject({ code: 'CONFLICT' })
      expect(await q.counts()).toEqual({ waiting: 0, running: 2, finished: 0, failed: 0 })
    })
  })
}
