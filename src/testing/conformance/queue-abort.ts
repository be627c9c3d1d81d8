import { describe, expect, it } from 'vitest'
import { eventually } from '../wait.js'
import type { StoreHarness } from './harness.js'
import { useNamespace } from './use-namespace.js'

/** Ending waits and handlers early: AbortSignals on popAndStart and q.process, stop timeouts. */
export function queueAbortConformance(harness: StoreHarness): void {
  describe('tracked queue aborts and stop timeouts', () => {
    const ns = useNamespace(harness)

    it('popAndStart({ signal }) resolves null when aborted, taking nothing', async () => {
      const q = ns.ledger.queue('abortable')
      const abort = new AbortController()
      const waiting = q.popAndStart({ signal: abort.signal })
      abort.abort()
      expect(await waiting).toBeNull()
      await q.createAndPush('later')
      expect(await q.popAndStart({ signal: AbortSignal.abort() })).toBeNull()
      expect(await q.counts()).toEqual({ waiting: 1, running: 0, finished: 0, failed: 0 })
      await expect(q.popAndStart({ signal: 'soon' as never })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      })
    })

    it('aborts a handler’s signal once its lease is lost (the item was deleted)', async () => {
      const q = ns.ledger.queue('lost', { leaseMs: 150 })
      const id = await q.createAndPush('x')
      let aborted: unknown = null
      const worker = q.process(async (_item, { signal }) => {
        await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }))
        aborted = signal.reason
      })
      await eventually(async () => (await q.counts()).running === 1, 'the item runs')
      await ns.another().queue('lost').delete(id)
      await eventually(() => aborted !== null, 'the handler is told')
      expect(aborted).toMatchObject({ code: 'NOT_FOUND' })
      await worker.stop()
    })

    it('stop({ timeoutMs }) gives up on a stuck handler: aborts it, stops heartbeats, says so', async () => {
      const q = ns.ledger.queue('stuck', { leaseMs: 200, maxAttempts: 5 })
      const id = await q.createAndPush('x')
      let signal: AbortSignal | null = null
      let release: () => void = () => {}
      const stuck = new Promise<void>((resolve) => {
        release = resolve
      })
      const worker = q.process(async (_item, context) => {
        signal = context.signal
        await stuck
      })
      await eventually(() => signal !== null, 'the handler runs')
      expect(await worker.stop({ timeoutMs: 20 })).toEqual({ abandoned: 1 })
      expect((signal as AbortSignal | null)?.aborted).toBe(true)
      const sweeper = ns.another().queue('stuck', { leaseMs: 200, maxAttempts: 5 })
      await eventually(
        async () => (await sweeper.reclaimExpired()).requeued === 1,
        'the abandoned item’s lease runs out and it is requeued',
      )
      expect(await q.get(id)).toMatchObject({ state: 'waiting', attempts: 1 })
      release()
      await worker.done
      expect(await worker.stop({ timeoutMs: 20 })).toEqual({ abandoned: 0 })
    })
  })
}
