import { describe, expect, it } from 'vitest'
import { StoreUnavailableError } from '../../errors/jobledger-error.js'
import type { QueueStore } from '../../store/queue-store.js'
import type { StoreHarness } from './harness.js'
import { useNamespace } from './use-namespace.js'

/** A queue write repeated with its op id gets its first answer and applies once. */
export function queueRepeatConformance(harness: StoreHarness): void {
  describe('tracked queue repeated operations', () => {
    const ns = useNamespace(harness, { manualClock: true })

    it('answers a repeated createAndPush with the same item and stores one', async () => {
      const q = ns.ledger.queue('pushes')
      const id = await q.createAndPush({ n: 1 }, { opId: 'push-1' })
      expect(await ns.another().queue('pushes').createAndPush({ n: 1 }, { opId: 'push-1' })).toBe(
        id,
      )
      expect(await q.createAndPush({ n: 2 })).not.toBe(id)
      expect(await q.counts()).toEqual({ waiting: 2, running: 0, finished: 0, failed: 0 })
      expect((await ns.ledger.list({ kind: 'queue' })).items).toHaveLength(1)
    })

    it('answers a repeated pop with the same item and start while it runs', async () => {
      const q = ns.ledger.queue('pops')
      const first = await q.createAndPush('a')
      await q.createAndPush('b')
      const popped = (await q.tryPopAndStart({ opId: 'pop-1' }))!
      const again = (await ns.another().queue('pops').tryPopAndStart({ opId: 'pop-1' }))!
      expect(again.toJSON()).toEqual(popped.toJSON())
      expect(popped.id).toBe(first)
      expect(await q.counts()).toMatchObject({ waiting: 1, running: 1 })
      await again.finish('done')
      await expect(popped.finish('twice')).rejects.toMatchObject({ code: 'INVALID_TRANSITION' })
      expect(await q.get(first)).toMatchObject({ state: 'finished', result: 'done', attempts: 1 })
    })

    it('recovers by its lease an item whose popping caller never came back', async () => {
      const q = ns.ledger.queue('lost', { leaseMs: 1_000 })
      const id = await q.createAndPush('a')
      await q.tryPopAndStart({ opId: 'pop-lost' })
      ns.clock.advance(1_001)
      expect(await q.reclaimExpired()).toEqual({ requeued: 1, failed: 0 })
      const rescued = (await q.tryPopAndStart())!
      expect(rescued).toMatchObject({ id, attempts: 2 })
      expect(await q.tryPopAndStart({ opId: 'pop-lost' })).toBeNull()
    })

    it('answers a repeated finish, fail or retry with the item instead of refusing it', async () => {
      const q = ns.ledger.queue('settles')
      const a = await q.createAndPush('a')
      const b = await q.createAndPush('b')
      const itemA = (await q.tryPopAndStart())!
      const itemB = (await q.tryPopAndStart())!
      const finished = await itemA.finish({ rows: 1 }, { opId: 'fin-1' })
      expect(await itemA.finish({ rows: 1 }, { opId: 'fin-1' })).toEqual(finished)
      expect(await q.finish(a, { rows: 2 }, { opId: 'fin-1' })).toEqual(finished)
      const failed = await itemB.fail(['broke'], { opId: 'fail-1' })
      expect(await q.fail(b, ['broke'], { opId: 'fail-1' })).toEqual(failed)
      await expect(q.finish(a, { rows: 3 })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' })
      const retried = await q.retry(b, { opId: 'retry-1' })
      expect(await q.retry(b, { opId: 'retry-1' })).toEqual(retried)
      await expect(q.retry(b)).rejects.toMatchObject({ code: 'INVALID_TRANSITION' })
      expect(await q.counts()).toEqual({ waiting: 1, running: 0, finished: 1, failed: 0 })
      expect(await q.get(a)).toMatchObject({ result: { rows: 1 } })
    })

    it('keeps a repeated settle with the next pop answering the same next item', async () => {
      const q = ns.ledger.queue('chain')
      await q.createAndPush('a')
      const b = await q.createAndPush('b')
      await q.createAndPush('c')
      const first = (await q.tryPopAndStart())!
      const settle = (op: string) =>
        ns.ledger.store.queues.settle(
          'chain',
          first.id,
          null,
          { to: 'finished', result: '1' },
          op,
          true,
        )
      const once = await settle('fin-next')
      const twice = await settle('fin-next')
      expect(once.next?.id).toBe(b)
      expect(twice).toEqual(once)
      expect(await q.counts()).toEqual({ waiting: 1, running: 1, finished: 1, failed: 0 })
    })

    it('answers a repeated pop with its item when the reclaim before it fails', async () => {
      const ledger = ns.another({ retry: { attempts: 1 } })
      const first = await ledger.queue('reclaims').createAndPush('a')
      await ledger.queue('reclaims').createAndPush('b')
      const popped = (await ledger.queue('reclaims').tryPopAndStart({ opId: 'pop-r' }))!
      failNextReclaim(ledger.store.queues)
      // A new handle reclaims before its first pop; that reclaim fails, the pop still answers.
      const again = await ledger.queue('reclaims').tryPopAndStart({ opId: 'pop-r' })
      expect(again?.toJSON()).toEqual(popped.toJSON())
      expect(popped.id).toBe(first)
      expect(await ledger.queue('reclaims').counts()).toMatchObject({ waiting: 1, running: 1 })
    })
  })
}

/** Makes the next reclaimExpired fail as an unanswered command would (it may have run). */
function failNextReclaim(queues: QueueStore): void {
  const patched = queues as unknown as Record<string, unknown>
  patched.reclaimExpired = async () => {
    delete patched.reclaimExpired
    throw new StoreUnavailableError('the reply was lost', { details: { ambiguous: true } })
  }
}
