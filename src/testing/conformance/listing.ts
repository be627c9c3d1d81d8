import { describe, expect, it } from 'vitest'
import type { ListResult } from '../../facades/listing.js'
import { eventually } from '../wait.js'
import type { StoreHarness } from './harness.js'
import { useNamespace } from './use-namespace.js'

/** The registry behind ledger.list: newest first, stable paging, expired units dropped. */
export function listingConformance(harness: StoreHarness): void {
  describe('listing units', () => {
    const ns = useNamespace(harness)

    it('lists live jobs newest first with their summaries', async () => {
      // Ids sort in the reverse of creation order, so an id tie-break alone would fail this.
      const first = ns.ledger.job('z-first')
      await first.push('a')
      const [firstListing] = (await ns.ledger.list({ kind: 'job' })).items
      const firstCreated = firstListing?.createdAt ?? Number.NaN
      await eventually(() => ns.ledger.store.now() > firstCreated, 'the store clock moves on')
      const second = ns.ledger.job('a-second')
      await second.close()
      const { items, cursor } = await ns.ledger.list({ kind: 'job' })
      expect(items.map((item) => item.id)).toEqual(['a-second', 'z-first'])
      expect(items[0]!.createdAt).toBeGreaterThan(items[1]!.createdAt)
      expect(items[0]).toMatchObject({ kind: 'job', summary: { state: 'finished', total: 0 } })
      expect(items[1]).toMatchObject({ kind: 'job', summary: { state: 'open', total: 1 } })
      expect(cursor).toBeNull()
    })

    it('pages through every job exactly once, even with equal timestamps', async () => {
      const tokens = Array.from({ length: 25 }, (_, i) => `job-${String(i).padStart(2, '0')}`)
      await Promise.all(tokens.map((token) => ns.ledger.job(token).push('0')))
      const listed: string[] = []
      let cursor: string | null = null
      let pages = 0
      do {
        const page: ListResult<'job'> = await ns.ledger.list({ kind: 'job', limit: 7, cursor })
        expect(page.items.length).toBeLessThanOrEqual(7)
        listed.push(...page.items.map((item) => item.id))
        cursor = page.cursor
        pages++
      } while (cursor !== null)
      expect(listed.sort()).toEqual(tokens)
      expect(pages).toBe(4)
    })

    it('drops expired jobs from the listing', async () => {
      await ns.ledger.job('lasting').push('a')
      await ns.ledger.job('fleeting', { ttl: 0.05 }).push('a')
      await eventually(async () => {
        const { items } = await ns.ledger.list({ kind: 'job' })
        return items.length === 1 && items[0]?.id === 'lasting'
      }, 'the expired job leaves the listing')
    })

    it('registers a job once, from whichever writer created it', async () => {
      const job = ns.ledger.job()
      await Promise.all([job.push('a'), ns.another().job(job.token).push('b'), job.push('c')])
      const { items } = await ns.ledger.list({ kind: 'job' })
      expect(items.map((item) => item.id)).toEqual([job.token])
    })

    it('heals a registration that failed once when the caller retries the write', async () => {
      const registry = ns.ledger.store.registry
      const register = registry.register.bind(registry)
      let failures = 2
      registry.register = async (...args) => {
        if (failures-- > 0) throw new Error('registry unavailable')
        return register(...args)
      }
      try {
        await expect(ns.ledger.job('healed').push('a')).rejects.toThrow('registry unavailable')
        await expect(ns.ledger.queue('healed').createAndPush(1)).rejects.toThrow('unavailable')
        await ns.ledger.job('healed').push('a')
        await ns.ledger.queue('healed').createAndPush(2)
      } finally {
        registry.register = register
      }
      const jobs = await ns.ledger.list({ kind: 'job' })
      expect(jobs.items.map((item) => item.id)).toEqual(['healed'])
      const queues = await ns.ledger.list({ kind: 'queue' })
      expect(queues.items.map((item) => item.id)).toEqual(['healed'])
    })

    it('rejects bad limits, kinds and cursors', async () => {
      for (const limit of [0, 1001, 2.5]) {
        await expect(ns.ledger.list({ kind: 'job', limit })).rejects.toMatchObject({
          code: 'INVALID_ARGUMENT',
        })
      }
      for (const kind of ['nope', 'constructor', 'toString', '__proto__', 'hasOwnProperty']) {
        await expect(ns.ledger.list({ kind: kind as 'job' }), kind).rejects.toMatchObject({
          code: 'INVALID_ARGUMENT',
        })
      }
      await expect(ns.ledger.list({ kind: 'job', cursor: 'garbage!' })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      })
    })
  })
}
