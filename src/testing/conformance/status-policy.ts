import { describe, expect, it } from 'vitest'
import { MAX_FIELD_BYTES } from '../../domain/status-fields.js'
import { RECENT_OPS } from '../../domain/status-record.js'
import type { StatusPatch } from '../../store/status-store.js'
import type { StoreHarness } from './harness.js'
import { useNamespace } from './use-namespace.js'

const SECOND = 1_000
const HOUR = 3_600 * SECOND
const DAY = 24 * HOUR

function increment(n: number): StatusPatch {
  return { increment: n, finish: false, fields: {} }
}

/** A status owns its ttl, moves its deadline lazily, and applies a repeated op once. */
export function statusPolicyConformance(harness: StoreHarness): void {
  describe('status policy and repeated writes', () => {
    const ns = useNamespace(harness, { manualClock: true })

    it("keeps the creator's 7-day ttl when a handle with other defaults writes it", async () => {
      const producer = ns.ledger.status('p1', { ttlMs: 7 * DAY })
      await producer.update({ status: 'working', total: 10 })
      expect(await producer.expiresIn()).toBe((10.5 * DAY) / SECOND)
      const worker = ns.another({ defaults: { status: { ttlMs: HOUR } } }).status('p1')
      ns.clock.advance(4 * DAY)
      await worker.progress.increment()
      expect(await producer.expiresIn()).toBe((10.5 * DAY) / SECOND)
      ns.clock.advance(DAY)
      await ns.another().status('p1', { ttlMs: 1_000 }).progress.increment()
      expect(await producer.expiresIn()).toBe((9.5 * DAY) / SECOND)
      expect(await ns.ledger.getStatus('p1')).toMatchObject({ progress: 2, total: 10 })
    })

    it("creates a status with its ledger's defaults, or the legacy expiresIn in seconds", async () => {
      await ns
        .another({ defaults: { status: { ttlMs: 2 * HOUR } } })
        .status('d1')
        .set('a', 1)
      expect(await ns.ledger.status('d1').expiresIn()).toBe((3 * HOUR) / SECOND)
      await ns.ledger.status('d2', { expiresIn: 60 }).set('a', 1)
      expect(await ns.ledger.status('d2').expiresIn()).toBe(90)
      await ns.ledger.status('d3').set('a', 1)
      expect(await ns.ledger.status('d3').expiresIn()).toBe((1.5 * HOUR) / SECOND)
    })

    it('moves the deadline only when less than the ttl is left; a refused write moves nothing', async () => {
      const status = ns.ledger.status('m1', { ttlMs: 1_000 })
      await status.set('step', 'A')
      ns.clock.advance(400)
      await status.progress.increment()
      expect(await status.expiresIn()).toBe(1.1)
      ns.clock.advance(200)
      await ns.ledger.getStatus('m1')
      await expect(status.set('big', 'x'.repeat(MAX_FIELD_BYTES))).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      })
      expect(await status.expiresIn()).toBe(0.9)
      expect(await ns.ledger.getStatus('m1')).toMatchObject({ rev: 2, progress: 1 })
      await status.progress.increment()
      expect(await status.expiresIn()).toBe(1.5)
    })

    it('is gone at its deadline; the next write creates it afresh', async () => {
      await ns.ledger.status('x1', { ttlMs: 1_000 }).update({ step: 'A', total: 5 })
      ns.clock.advance(1_500)
      expect(await ns.ledger.getStatus('x1')).toBeNull()
      expect(await ns.ledger.status('x1').expiresIn()).toBeNull()
      await ns.ledger.status('x1').progress.increment()
      const fresh = await ns.ledger.getStatus('x1')
      expect(fresh).toMatchObject({ rev: 1, progress: 1, total: null, fields: {} })
      expect(fresh?.createdAt.getTime()).toBe(ns.clock.now())
    })

    it('changes its ttl only by setTtl, which moves the deadline from now', async () => {
      const status = ns.ledger.status('t1', { ttlMs: HOUR })
      await expect(status.setTtl(DAY)).rejects.toMatchObject({ code: 'NOT_FOUND' })
      await status.set('a', 1)
      await status.setTtl(2 * HOUR)
      expect(await status.expiresIn()).toBe((3 * HOUR) / SECOND)
      ns.clock.advance(2 * HOUR)
      await ns.another().status('t1', { ttlMs: 10 }).set('a', 2)
      expect(await status.expiresIn()).toBe((3 * HOUR) / SECOND)
      expect((await ns.ledger.store.statuses.readStatus('t1'))?.ttlMs).toBe(2 * HOUR)
      await expect(status.setTtl(0)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
    })

    it('applies an increment repeated with its opId once', async () => {
      const status = ns.ledger.status('r1')
      await status.progress.increment(5, { opId: 'inc-1' })
      await status.progress.increment(5, { opId: 'inc-1' })
      await ns.another().status('r1').progress.increment(5, { opId: 'inc-1' })
      await status.progress.increment(2)
      await status.update({ step: 'B' }, { opId: 'upd-1' })
      await status.update({ step: 'C' }, { opId: 'upd-1' })
      expect(await ns.ledger.getStatus('r1')).toMatchObject({
        progress: 7,
        rev: 3,
        fields: { step: 'B' },
      })
    })

    it('answers a repeated creating write as created, and forgets ops beyond the last RECENT_OPS', async () => {
      const statuses = ns.ledger.store.statuses
      const ref = { id: 'r2', creation: { ttlMs: HOUR } }
      const first = await statuses.writeStatus(ref, increment(1), MAX_FIELD_BYTES, 'op-0')
      expect(first).toMatchObject({ ok: true, created: true, rev: 1 })
      expect(await statuses.writeStatus(ref, increment(1), MAX_FIELD_BYTES, 'op-0')).toEqual(first)
      for (let n = 1; n <= RECENT_OPS; n++)
        await statuses.writeStatus(ref, increment(1), MAX_FIELD_BYTES, `op-${n}`)
      expect((await statuses.readStatus('r2'))?.progress).toBe(RECENT_OPS + 1)
      await statuses.writeStatus(ref, increment(1), MAX_FIELD_BYTES, 'op-1')
      expect((await statuses.readStatus('r2'))?.progress).toBe(RECENT_OPS + 1)
      const again = await statuses.writeStatus(ref, increment(1), MAX_FIELD_BYTES, 'op-0')
      expect(again).toMatchObject({ ok: true, created: false, rev: RECENT_OPS + 2 })
      expect((await statuses.readStatus('r2'))?.progress).toBe(RECENT_OPS + 2)
    })
  })
}
