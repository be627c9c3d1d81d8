import { describe, expect, it } from 'vitest'
import type { StoreHarness } from './harness.js'
import { useNamespace } from './use-namespace.js'

const SECOND = 1_000
const HOUR = 3_600 * SECOND
const DAY = 24 * HOUR

/** A job owns its policy: set when it is created, read by every write, changed by setTtl. */
export function jobPolicyConformance(harness: StoreHarness): void {
  describe('distributed job policy', () => {
    const ns = useNamespace(harness, { manualClock: true })

    it("keeps the producer's 7-day ttl when a worker's default handle settles a part", async () => {
      const producer = ns.ledger.job(undefined, { ttlMs: 7 * DAY })
      await producer.push('a', 'b', 'c')
      await producer.close()
      const worker = ns.another().job(producer.token)
      expect(await worker.done('a')).toBe(false)
      expect(await producer.expiresIn()).toBe((10.5 * DAY) / SECOND)
      ns.clock.advance(2 * DAY)
      expect(await worker.done('b')).toBe(false)
      expect(await producer.summary()).toMatchObject({ state: 'closed', open: 1 })
      ns.clock.advance(4 * DAY)
      expect(await worker.done('c')).toBe(true)
      expect(await producer.expiresIn()).toBe((10.5 * DAY) / SECOND)
    })

    it('lets no handle with other options change an existing job', async () => {
      const job = ns.ledger.job(undefined, { ttlMs: HOUR, name: 'import', description: 'first' })
      await job.push('a')
      const other = ns.another({ defaults: { job: { ttlMs: 30 * DAY } } })
      await other.job(job.token, { ttlMs: 7 * DAY, name: 'other', description: 'x' }).push('b')
      await other.job(job.token).close()
      expect(await job.summary()).toMatchObject({ name: 'import', description: 'first', total: 2 })
      expect(await job.expiresIn()).toBe((1.5 * HOUR) / SECOND)
    })

    it("creates a job with its ledger's defaults when the handle gives none", async () => {
      const ledger = ns.another({ defaults: { job: { ttlMs: 2 * HOUR } } })
      const job = ledger.job()
      await job.push('a')
      expect(await job.expiresIn()).toBe((3 * HOUR) / SECOND)
      const plain = ns.ledger.job()
      await plain.push('a')
      expect(await plain.expiresIn()).toBe((1.5 * DAY) / SECOND)
    })

    it('takes the legacy ttl in seconds as ttlMs when it creates the job', async () => {
      const job = ns.ledger.job(undefined, { ttl: 60 })
      await job.push('a')
      expect(await job.expiresIn()).toBe(90)
    })

    it('moves the deadline only when a write finds less than the ttl left, and never on reads', async () => {
      const job = ns.ledger.job(undefined, { ttlMs: 1_000 })
      await job.push('a', 'b', 'c')
      ns.clock.advance(400)
      await job.done('a')
      await job.summary()
      expect(await job.expiresIn()).toBe(1.1)
      ns.clock.advance(200)
      await job.summary()
      await job.isOpenPart('b')
      for await (const _ of job.openParts()) {
      }
      expect(await job.expiresIn()).toBe(0.9)
      await job.done('b')
      expect(await job.expiresIn()).toBe(1.5)
    })

    it('moves no deadline for a write that changes nothing', async () => {
      const job = ns.ledger.job(undefined, { ttlMs: 1_000 })
      await job.push('a')
      await job.close()
      await job.stop()
      ns.clock.advance(900)
      expect(await job.done('zz')).toBe(false)
      await job.push('a')
      expect(await job.close()).toBe(false)
      expect(await job.stop()).toEqual({ stopped: false, found: true })
      expect(await job.expiresIn()).toBe(0.6)
    })

    it('reads a job as absent from its deadline on, and lets nothing settle it', async () => {
      const job = ns.ledger.job(undefined, { ttlMs: 1_000 })
      await job.push('a')
      await job.close()
      ns.clock.advance(1_499)
      expect(await job.count()).toBe(1)
      ns.clock.advance(1)
      expect(await job.summary()).toBeNull()
      expect(await job.expiresIn()).toBeNull()
      expect(await job.isOpenPart('a')).toBe(false)
      expect(await job.done('a')).toBe(false)
      expect(await job.stop()).toEqual({ stopped: false, found: false })
      expect(await job.summary()).toBeNull()
    })

    it('starts afresh when a write creates a job under the token of an expired one', async () => {
      const job = ns.ledger.job(undefined, { ttlMs: 1_000, name: 'old' })
      await job.push('a', 7)
      await job.addBatch(['x'])
      ns.clock.advance(2_000)
      const again = ns.ledger.job(job.token, { ttlMs: 5_000, name: 'new' })
      await again.push('b')
      expect(await again.summary()).toMatchObject({ name: 'new', total: 1, open: 1 })
      expect(await again.isOpenPart('a')).toBe(false)
      expect(await again.isOpenPart(7)).toBe(false)
      expect(await again.report()).toMatchObject({ items: 0, batches: 0 })
      expect(await again.addBatch(['y'])).toEqual({ index: 0, items: 1 })
      expect(await ns.ledger.batch(job.token, 0).items()).toEqual(['y'])
    })

    it('setTtl stores the new ttl and sets the deadline from now; later writes keep it', async () => {
      const job = ns.ledger.job(undefined, { ttlMs: HOUR })
      await job.push('a', 'b')
      ns.clock.advance(HOUR)
      expect(await job.setTtl(7 * DAY)).toEqual({ expiresAt: ns.clock.now() + 10.5 * DAY })
      expect(await job.expiresIn()).toBe((10.5 * DAY) / SECOND)
      ns.clock.advance(5 * DAY)
      await ns.another().job(job.token).done('a')
      expect(await job.expiresIn()).toBe((10.5 * DAY) / SECOND)
      await job.setTtl(1_000)
      expect(await job.expiresIn()).toBe(1.5)
    })

    it('refuses setTtl of a job that does not exist, and a bad ttl, writing nothing', async () => {
      await expect(ns.ledger.job('none').setTtl(1_000)).rejects.toMatchObject({ code: 'NOT_FOUND' })
      expect(await ns.ledger.job('none').summary()).toBeNull()
      const job = ns.ledger.job(undefined, { ttlMs: 1_000 })
      await job.push('a')
      for (const bad of [0, -5, 1.5, '60', Number.NaN, 11 * 365 * DAY])
        await expect(job.setTtl(bad as number)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
      expect(await job.expiresIn()).toBe(1.5)
    })

    it("writes batches and trackers under the job's policy: their ttl option changes nothing", async () => {
      const job = ns.ledger.job(undefined, { ttlMs: 7 * DAY })
      await job.addBatch(['a'])
      await job.addBatch(['b'])
      ns.clock.advance(4 * DAY)
      await ns.ledger.batch(job.token, 0, { ttl: 1 }).complete()
      expect(await job.expiresIn()).toBe((10.5 * DAY) / SECOND)
      ns.clock.advance(4 * DAY)
      await ns.ledger.tracker({ job: job.token, batch: 1, ttl: 1 }).eachRecord(() => {})
      expect(await job.expiresIn()).toBe((10.5 * DAY) / SECOND)
    })

    it.each([
      ['ttlMs 0', { ttlMs: 0 }],
      ['a fractional ttlMs', { ttlMs: 1.5 }],
      ['a string ttlMs', { ttlMs: '60' }],
      ['both ttl and ttlMs', { ttl: 60, ttlMs: 60_000 }],
      ['a negative summaryTtlMs', { summaryTtlMs: -1 }],
      ['a name over 256 characters', { name: 'n'.repeat(257) }],
      ['a name that is not a string', { name: 42 }],
      ['a description over 1,024 characters', { description: 'd'.repeat(1_025) }],
      ['a name with a lone surrogate', { name: 'a\ud800b' }],
    ])('refuses job options with %s before any write', async (_label, options) => {
      expect(() => ns.ledger.job('j', options as never)).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      )
      expect(await ns.ledger.job('j').summary()).toBeNull()
    })
  })
}
