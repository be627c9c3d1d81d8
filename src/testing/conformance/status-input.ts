import { describe, expect, it } from 'vitest'
import type { Ledger } from '../../ledger.js'
import type { StoreHarness } from './harness.js'
import { useNamespace } from './use-namespace.js'

async function expectRefused(attempt: () => Promise<unknown>): Promise<void> {
  await expect(attempt()).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
}

async function stored(ledger: Ledger, id: string): Promise<unknown> {
  return JSON.stringify(await ledger.getStatus(id))
}

/** Bad input to a status is refused with INVALID_ARGUMENT and changes nothing. */
export function statusInputConformance(harness: StoreHarness): void {
  describe('status: bad input', () => {
    const ns = useNamespace(harness)

    it('refuses reserved field names through set and update', async () => {
      const status = ns.ledger.status('i1')
      await status.update({ step: 'A', total: 10 })
      const before = await stored(ns.ledger, 'i1')
      for (const name of [
        'status',
        'progress',
        'total',
        'ratio',
        'queuedAt',
        'startedAt',
        'finishedAt',
      ]) {
        await expectRefused(() => status.set(name, 1))
      }
      await expectRefused(() => status.update({ queuedAt: 1 }))
      await expectRefused(() => status.update({ step: 'B', finishedAt: 5 }))
      await expectRefused(() => status.set('', 1))
      expect(await stored(ns.ledger, 'i1')).toBe(before)
    })

    it('refuses values that are not plain JSON', async () => {
      const status = ns.ledger.status('i2', { throttleMs: 10 })
      const cyclic: Record<string, unknown> = {}
      cyclic.self = cyclic
      const bad = [
        undefined,
        () => 1,
        Symbol('s'),
        10n,
        Number.NaN,
        Infinity,
        new Date(),
        new Map(),
        cyclic,
        { nested: [undefined] },
      ]
      for (const value of bad) {
        await expectRefused(() => status.set('x', value))
        await expectRefused(() => status.update({ step: 'B', x: value }))
      }
      await status.flush()
      expect(await ns.ledger.getStatus('i2')).toBeNull()
    })

    it('refuses fields over 64 KB in total, keeping what was there', async () => {
      const status = ns.ledger.status('i3')
      await expectRefused(() => status.set('big', 'x'.repeat(64 * 1024)))
      expect(await ns.ledger.getStatus('i3')).toBeNull()
      await status.set('a', 'x'.repeat(40 * 1024))
      await expectRefused(() => status.update({ b: 'y'.repeat(30 * 1024), step: 'B' }))
      const snap = await ns.ledger.getStatus('i3')
      expect(Object.keys(snap?.fields ?? {})).toEqual(['a'])
      await status.set('a', 'z'.repeat(60 * 1024))
      expect((await ns.ledger.getStatus('i3'))?.fields.a).toBe('z'.repeat(60 * 1024))
    })

    it('keeps throttled increments when a throttled update overflows the fields', async () => {
      const status = ns.ledger.status('i4', { throttleMs: 60_000 })
      await status.set('a', 'x'.repeat(40 * 1024))
      await status.progress.increment(3)
      await status.update({ b: 'y'.repeat(30 * 1024) })
      await expectRefused(() => status.flush())
      expect(await ns.ledger.getStatus('i4')).toMatchObject({ progress: 3 })
      expect(Object.keys((await ns.ledger.getStatus('i4'))?.fields ?? {})).toEqual(['a'])
    })

    it('writes nothing of an update refused for its fields, status and progress included', async () => {
      const status = ns.ledger.status('i6')
      await status.update({ status: 'working', progress: 1, a: 'x'.repeat(40 * 1024) })
      const before = await stored(ns.ledger, 'i6')
      const big = 'y'.repeat(30 * 1024)
      await expectRefused(() => status.update({ status: 'completed', progress: 7, big }))
      await expectRefused(() => status.update({ progress: 7, total: 9, big }, { force: true }))
      expect(await stored(ns.ledger, 'i6')).toBe(before)
    })

    it('writes buffered changes but nothing of a refused status change queued with them', async () => {
      const status = ns.ledger.status('i7', { throttleMs: 60_000 })
      await status.set('a', 'x'.repeat(40 * 1024))
      await status.progress.increment(3)
      await status.update({ step: 'A' })
      const big = 'y'.repeat(30 * 1024)
      await expectRefused(() => status.update({ status: 'completed', progress: 7, big }))
      const snap = await ns.ledger.getStatus('i7')
      expect(snap).toMatchObject({ status: 'queued', progress: 3, fields: { step: 'A' } })
      expect(Object.keys(snap?.fields ?? {}).sort()).toEqual(['a', 'step'])
      await status.flush()
    })

    it('refuses negative or fractional totals and progress, bad steps and unknown states', async () => {
      const status = ns.ledger.status('i5')
      await status.progress.setTotal(10)
      const before = await stored(ns.ledger, 'i5')
      await expectRefused(() => status.progress.setTotal(-1))
      await expectRefused(() => status.progress.setTotal(1.5))
      await expectRefused(() => status.progress.set(-3))
      await expectRefused(() => status.progress.increment(-1))
      await expectRefused(() => status.progress.decrement(0.5))
      await expectRefused(() => status.update({ total: -5 }))
      await expectRefused(() => status.update({ status: 'done' as 'completed' }))
      await expectRefused(() => status.update(null as unknown as { step: string }))
      expect(await stored(ns.ledger, 'i5')).toBe(before)
    })

    it('refuses bad ids and options before any write', async () => {
      expect(() => ns.ledger.status('has space')).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      )
      expect(() => ns.ledger.status('x', { expiresIn: 0 })).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      )
      expect(() => ns.ledger.status('x', { throttleMs: -1 })).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      )
      await expectRefused(() => ns.ledger.getStatus('{tag}'))
      await expectRefused(() => ns.ledger.track('x', 'nope' as unknown as () => void))
      expect(await ns.ledger.getStatus('x')).toBeNull()
    })
  })
}
