import { describe, expect, it } from 'vitest'
import type { SignalEvent } from '../../facades/signal-notices.js'
import { eventually } from '../wait.js'
import type { StoreHarness } from './harness.js'
import { TestQueue, work } from './stages-queue.js'
import { useNamespace } from './use-namespace.js'

/** In-process listeners (across processes on shared stores) and waiting for a signal. */
export function callbackListenerConformance(harness: StoreHarness): void {
  describe('signal listeners and waitUntil', () => {
    const ns = useNamespace(harness)

    it('tells listeners of every kind, on another ledger, which unit fired which signal', async () => {
      const seen: SignalEvent[] = []
      const listener = ns.another()
      for (const name of ['job.settled', 'batch.succeeded', 'stage.settled', 'group.succeeded'])
        await listener.on(name as 'job.settled', (event) => void seen.push(event))
      const tq = new TestQueue()
      const writer = ns.another(tq.options)
      const job = writer.job('j1')
      const { index } = await job.addBatch(['a'])
      await job.close()
      await writer.tracker({ job: 'j1', batch: index }).eachRecord(async () => undefined)
      const group = await writer.withinGrouping('g', async (g) => {
        await g.stage(1).enqueue('A', [])
      })
      await work(writer, tq.drain())
      const names = () => seen.map((e) => `${e.kind}:${e.id}:${e.scope}:${e.signal}`).sort()
      await eventually(() => seen.length === 4, 'four notices arrived')
      expect(names()).toEqual(
        [
          `batch:j1:batch:${index}:succeeded`,
          'job:j1::settled',
          `stage:${group.id}:stage:1:settled`,
          `group:${group.id}::succeeded`,
        ].sort(),
      )
    })

    it('hands what a listener throws to onError; the signal stands and other listeners still hear it', async () => {
      const errors: unknown[] = []
      const heard: string[] = []
      const ledger = ns.another()
      await ledger.on(
        'job.settled',
        () => {
          throw new Error('listener broke')
        },
        { onError: (error) => void errors.push(error) },
      )
      await ledger.on('job.settled', async () => Promise.reject(new Error('async broke')), {
        onError: (error) => void errors.push(error),
      })
      await ledger.on('job.settled', (event) => void heard.push(event.id))
      const job = ledger.job('j2')
      await job.push('0')
      await job.close()
      expect(await job.done('0')).toBe(true)
      await eventually(() => errors.length === 2 && heard.length === 1, 'every listener ran')
      expect(errors.map((e) => (e as Error).message).sort()).toEqual([
        'async broke',
        'listener broke',
      ])
      expect((await job.summary())?.state).toBe('finished')
    })

    it('refuses an unknown event name with INVALID_ARGUMENT', async () => {
      for (const name of ['job.done', 'queue.settled', 'job', 'job.settled.x'])
        await expect(ns.ledger.on(name as 'job.settled', () => {})).rejects.toMatchObject({
          code: 'INVALID_ARGUMENT',
        })
    })

    it('waitUntil resolves with the summary whether the signal fired before or after the call', async () => {
      const ledger = ns.another()
      const job = ledger.job('j3')
      await job.push('0', '1')
      await job.close()
      const waiting = ns.another().job('j3').waitUntil('settled', { timeoutMs: 30_000 })
      await job.done('0')
      await job.done('1')
      const summary = await waiting
      expect(summary).toMatchObject({ token: 'j3', state: 'finished', succeeded: 2 })
      expect(summary.signals.settled).not.toBeNull()
      expect((await job.waitUntil('succeeded')).signals.succeeded).toBe(summary.signals.settled)
    })

    it('waitUntil rejects with TIMEOUT, ABORTED and INVALID_ARGUMENT', async () => {
      const job = ns.ledger.job('j4')
      await job.push('0')
      await expect(job.waitUntil('settled', { timeoutMs: 20 })).rejects.toMatchObject({
        code: 'TIMEOUT',
      })
      const abort = new AbortController()
      const waiting = job.waitUntil('settled', { signal: abort.signal })
      abort.abort()
      await expect(waiting).rejects.toMatchObject({ code: 'ABORTED' })
      await expect(job.waitUntil('done' as 'settled')).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      })
      expect(await job.count()).toBe(1)
    })

    it('waitUntil works for batches, stages and groups, also once the details are dropped', async () => {
      const tq = new TestQueue()
      const ledger = ns.another(tq.options)
      const job = ledger.job('j5')
      const { index } = await job.addBatch(['a'])
      const batchSettled = ledger.batch('j5', index).waitUntil('settled')
      await ledger.tracker({ job: 'j5', batch: index }).eachRecord(async () => undefined)
      expect((await batchSettled).settled).toBe(true)
      const group = await ledger.withinGrouping(
        { description: 'g', keepCompletedMs: 0 },
        async (g) => {
          await g.stage(1).enqueue('A', [])
        },
      )
      const stageSettled = group.stage(1).waitUntil('settled')
      const groupSettled = group.waitUntil('settled')
      await work(ledger, tq.drain())
      expect((await stageSettled).signals.settled).not.toBeNull()
      const record = await groupSettled
      expect(record).toMatchObject({ id: group.id, compact: true })
      expect(record.signals.settled).not.toBeNull()
    })
  })
}
