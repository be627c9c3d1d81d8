import { describe, expect, it } from 'vitest'
import type { StoreHarness } from './harness.js'
import { useNamespace } from './use-namespace.js'

/** Throttled writes are coalesced but never lost, whoever writes and however fast. */
export function statusThrottleConformance(harness: StoreHarness): void {
  describe('status: throttling', () => {
    const ns = useNamespace(harness)

    it('ends exact after 10,000 throttled increments, in far fewer writes', async () => {
      const status = ns.ledger.status('t1', { throttleMs: 100 })
      const started = performance.now()
      await status.progress.setTotal(10_000)
      for (let i = 0; i < 10_000; i++) await status.progress.increment()
      await status.flush()
      const elapsed = performance.now() - started
      expect((await ns.ledger.getStatus('t1'))?.progress).toBe(10_000)
      expect(status.writes).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 3)
    })

    it('keeps the last value of each field and every increment, then writes on finish', async () => {
      const status = ns.ledger.status('t2', { throttleMs: 60_000 })
      await status.update({ step: 'A', total: 10 })
      for (const step of ['B', 'C', 'D']) {
        await status.update({ step })
        await status.progress.increment(2)
      }
      await status.progress.decrement()
      expect((await ns.ledger.getStatus('t2'))?.fields.step).toBe('A')
      await status.progress.finish()
      expect(await ns.ledger.getStatus('t2')).toMatchObject({
        progress: 10,
        total: 10,
        fields: { step: 'D' },
      })
    })

    it('writes pending changes with a status change, set, setTotal and progress.set', async () => {
      const status = ns.ledger.status('t3', { throttleMs: 60_000 })
      await status.update({ step: 'A' })
      await status.progress.increment(3)
      await status.progress.increment(4)
      await status.update({ status: 'working' })
      expect(await ns.ledger.getStatus('t3')).toMatchObject({ status: 'working', progress: 7 })
      await status.progress.increment(1)
      await status.set('note', 'x')
      expect((await ns.ledger.getStatus('t3'))?.progress).toBe(8)
      await status.progress.increment(1)
      await status.progress.setTotal(20)
      expect((await ns.ledger.getStatus('t3'))?.progress).toBe(9)
    })

    it('writes at once with force: true, pending changes included', async () => {
      const status = ns.ledger.status('t4', { throttleMs: 60_000 })
      await status.update({ a: 1 })
      await status.progress.increment(5)
      await status.update({ a: 2 })
      await status.update({ b: 3 }, { force: true })
      expect(await ns.ledger.getStatus('t4')).toMatchObject({ progress: 5, fields: { a: 2, b: 3 } })
    })

    it('writes what is pending when the ledger closes', async () => {
      const writer = ns.another()
      const status = writer.status('t5', { throttleMs: 60_000 })
      await status.update({ step: 'first' })
      for (let i = 0; i < 50; i++) await status.progress.increment()
      await status.update({ step: 'last' })
      await writer.close()
      expect(await ns.ledger.getStatus('t5')).toMatchObject({
        progress: 50,
        fields: { step: 'last' },
      })
    })

    it('sums throttled increments from 4 concurrent writers exactly', async () => {
      const writers = [ns.ledger, ns.another(), ns.another(), ns.another()]
      await Promise.all(
        writers.map(async (ledger, w) => {
          const status = ledger.status('t6', { throttleMs: 5 })
          for (let i = 0; i < 2_000; i++) {
            await status.progress.increment(w + 1)
            if (i % 250 === 0) await new Promise((resolve) => setImmediate(resolve))
          }
          await status.flush()
        }),
      )
      expect((await ns.ledger.getStatus('t6'))?.progress).toBe(2_000 * (1 + 2 + 3 + 4))
    })

    it('shares one throttle between handles of the same id and options', async () => {
      expect(ns.ledger.status('t7', { throttleMs: 50 })).toBe(
        ns.ledger.status('t7', { throttleMs: 50 }),
      )
      expect(ns.ledger.status('t7')).not.toBe(ns.ledger.status('t7', { throttleMs: 50 }))
    })
  })
}
