import { describe, expect, it } from 'vitest'
import type { QueueStateChange } from '../../domain/queue-item.js'
import { eventually } from '../wait.js'
import type { StoreHarness } from './harness.js'
import { useNamespace } from './use-namespace.js'

/** Blocking pops, close() releasing them, and state changes seen by other connections. */
export function queueBlockingConformance(harness: StoreHarness): void {
  describe('tracked queue blocking pop and events', () => {
    const ns = useNamespace(harness)

    it('wakes a blocked pop when an item is pushed', async () => {
      const consumer = ns.another().queue('wake')
      const popping = consumer.popAndStart()
      let settled = false
      void popping.then(() => {
        settled = true
      })
      await expect(consumer.tryPopAndStart()).resolves.toBeNull()
      expect(settled).toBe(false)
      const id = await ns.ledger.queue('wake').createAndPush({ hello: 'world' })
      const item = await popping
      expect(item).toMatchObject({ id, state: 'running', data: { hello: 'world' } })
      expect(await consumer.counts()).toEqual({ waiting: 0, running: 1, finished: 0, failed: 0 })
    })

    it('returns null when the timeout passes with nothing pushed', async () => {
      const q = ns.ledger.queue('quiet')
      const patient = ns.another().queue('quiet').popAndStart({ timeoutMs: 60_000 })
      let patientSettled = false
      void patient.then(() => {
        patientSettled = true
      })
      expect(await q.popAndStart({ timeoutMs: 150 })).toBeNull()
      expect(patientSettled).toBe(false)
      expect(await q.tryPopAndStart()).toBeNull()
      const id = await q.createAndPush('late')
      expect((await patient)?.id).toBe(id)
    })

    it('keeps serving other calls of the same ledger while a pop is blocked', async () => {
      const q = ns.ledger.queue('busy')
      const blocked = q.popAndStart({ timeoutMs: 5_000 })
      const job = ns.ledger.job()
      await job.push('a')
      expect(await job.count()).toBe(1)
      expect(await q.counts()).toEqual({ waiting: 0, running: 0, finished: 0, failed: 0 })
      await ns.ledger.queue('other').createAndPush(1)
      expect(await ns.ledger.queue('other').tryPopAndStart()).not.toBeNull()
      await q.createAndPush('now')
      expect((await blocked)?.data).toBe('now')
    })

    it('wakes each of several blocked consumers once per pushed item', async () => {
      const consumers = Array.from({ length: 3 }, () => ns.another().queue('many'))
      const pops = consumers.map((q) => q.popAndStart({ timeoutMs: 20_000 }))
      const producer = ns.ledger.queue('many')
      const ids = [await producer.createAndPush(1), await producer.createAndPush(2)]
      await producer.createAndPush(3)
      const items = await Promise.all(pops)
      expect(items.map((item) => item?.id).sort()).toEqual([...ids, '3'].sort())
    })

    it('releases blocked pops with null when their ledger closes', async () => {
      const consumer = ns.another()
      const pops = [consumer.queue('closing').popAndStart(), consumer.queue('other').popAndStart()]
      await expect(ns.ledger.queue('closing').tryPopAndStart()).resolves.toBeNull()
      await consumer.close()
      expect(await Promise.all(pops)).toEqual([null, null])
      expect(await consumer.queue('closing').popAndStart({ timeoutMs: 0 })).toBeNull()
      const id = await ns.ledger.queue('closing').createAndPush('kept')
      expect((await ns.ledger.queue('closing').tryPopAndStart())?.id).toBe(id)
    })

    it('delivers every state change to listeners on another connection', async () => {
      const changes: QueueStateChange[] = []
      const watcher = ns.another().queue('watched')
      const stop = await watcher.on('stateChanged', (change) => changes.push(change))
      const q = ns.ledger.queue('watched')
      const a = await q.createAndPush(1)
      const b = await q.createAndPush(2)
      await (await q.tryPopAndStart())!.finish('ok')
      await (await q.tryPopAndStart())!.fail('no')
      await q.retry(b)
      await q.delete(b)
      const expected = [
        [a, null, 'waiting'],
        [b, null, 'waiting'],
        [a, 'waiting', 'running'],
        [a, 'running', 'finished'],
        [b, 'waiting', 'running'],
        [b, 'running', 'failed'],
        [b, 'failed', 'waiting'],
        [b, 'waiting', null],
      ]
      await eventually(() => changes.length >= expected.length, 'every change arrives', 30_000)
      expect(changes.map((c) => [c.id, c.from, c.to])).toEqual(expected)
      expect(changes[0]).toEqual({
        queue: 'watched',
        id: a,
        from: null,
        to: 'waiting',
        at: expect.any(Number),
      })
      await stop()
      const later: QueueStateChange[] = []
      await ns
        .another()
        .queue('watched')
        .on('stateChanged', (change) => later.push(change))
      const c = await q.createAndPush(3)
      // In a Redis Cluster a change reaches other nodes over the cluster bus, tens of ms later:
      // changes made just before this listener subscribed may still arrive, so look for c.
      await eventually(
        () => later.some((change) => change.id === c && change.to === 'waiting'),
        'a listener subscribed since sees the push',
        30_000,
      )
      expect(changes).toHaveLength(expected.length)
    })
  })
}
