import { describe, expect, it } from 'vitest'
import { PREFIX_DEPTH } from '../../domain/registry-query.js'
import type { ListOptions, ListResult } from '../../facades/listing.js'
import type { Ledger } from '../../ledger.js'
import type { UnitKind } from '../../store/unit-ref.js'
import type { StoreHarness } from './harness.js'
import { useNamespace } from './use-namespace.js'

/** Every id of a listing, page by page. */
async function listAll<K extends UnitKind>(
  ledger: Ledger,
  options: ListOptions<K>,
): Promise<string[]> {
  const ids: string[] = []
  let cursor: string | null = null
  do {
    const page: ListResult<K> = await ledger.list({ ...options, cursor })
    ids.push(...page.items.map((item) => item.id))
    cursor = page.cursor
  } while (cursor !== null)
  return ids
}

/** Names, search and filters of ledger.list, from the registry's indexes. */
export function listingFiltersConformance(harness: StoreHarness): void {
  describe('listing filters', () => {
    const ns = useNamespace(harness, { manualClock: true })
    const grouping = () => ns.another({ dispatch: async () => {} })

    /** Jobs created 1 s apart, oldest first, each named as given. */
    async function jobsNamed(names: readonly (string | undefined)[]): Promise<string[]> {
      const tokens: string[] = []
      for (const [i, name] of names.entries()) {
        const token = `job-${String(i).padStart(2, '0')}`
        await ns.ledger.job(token, name === undefined ? {} : { name }).push('a')
        tokens.push(token)
        ns.clock.advance(1000)
      }
      return tokens
    }

    it('lists every kind with the name and description it was created with', async () => {
      await ns.ledger.job('j', { name: 'Nightly import', description: 'all rows' }).push('a')
      await ns.ledger.status('s', { name: 'Export', description: 'to S3' }).update({ step: 1 })
      await ns.ledger.queue('q', { name: 'Imports', description: 'CSV files' }).createAndPush(1)
      await ns.ledger.queue('plain').createAndPush(1)
      const group = await grouping().withinGrouping(
        { name: 'Rebuild', description: 'index' },
        () => {},
      )
      const one = async (kind: UnitKind, id: string) =>
        (await ns.ledger.list({ kind })).items.find((item) => item.id === id)
      expect(await one('job', 'j')).toMatchObject({
        name: 'Nightly import',
        description: 'all rows',
      })
      expect(await one('status', 's')).toMatchObject({ name: 'Export', description: 'to S3' })
      expect(await one('queue', 'q')).toMatchObject({ name: 'Imports', description: 'CSV files' })
      expect(await one('queue', 'plain')).toMatchObject({ name: 'plain', description: null })
      expect(await one('group', group.id)).toMatchObject({ name: 'Rebuild', description: 'index' })
    })

    it('finds units by name prefix, ignoring case, newest or oldest first', async () => {
      const [a, b, , d] = await jobsNamed(['Nightly import', 'nightly export', 'Hourly', 'NIGHT'])
      expect(await listAll(ns.ledger, { kind: 'job', name: 'night' })).toEqual([d, b, a])
      expect(await listAll(ns.ledger, { kind: 'job', name: 'NIGHTLY', order: 'oldest' })).toEqual([
        a,
        b,
      ])
      expect(await listAll(ns.ledger, { kind: 'job', name: 'nightly i' })).toEqual([a])
      expect(await listAll(ns.ledger, { kind: 'job', name: 'daily' })).toEqual([])
    })

    it(`checks every name for a prefix longer than ${PREFIX_DEPTH} characters`, async () => {
      const long = 'abcdefghij'
      const [exact, , longer] = await jobsNamed([long, 'abcdefghXX', `${long}klm`, 'abcdefgh'])
      expect(await listAll(ns.ledger, { kind: 'job', name: 'ABCDEFGHIJ' })).toEqual([longer, exact])
      expect(await listAll(ns.ledger, { kind: 'job', name: `${long}k`, limit: 1 })).toEqual([
        longer,
      ])
    })

    it('finds statuses, queues and groups by name; a group also by its description', async () => {
      await ns.ledger.status('s1', { name: 'Report A' }).update({ step: 1 })
      await ns.ledger.status('s2').update({ step: 1 })
      await ns.ledger.queue('reports').createAndPush(1)
      await ns.ledger.queue('q2', { name: 'Mail' }).createAndPush(1)
      const described = await grouping().withinGrouping('Report run', () => {})
      await grouping().withinGrouping(() => {})
      expect(await listAll(ns.ledger, { kind: 'status', name: 'report' })).toEqual(['s1'])
      expect(await listAll(ns.ledger, { kind: 'queue', name: 'rep' })).toEqual(['reports'])
      expect(await listAll(ns.ledger, { kind: 'queue', name: 'mail' })).toEqual(['q2'])
      expect(await listAll(ns.ledger, { kind: 'group', name: 'report r' })).toEqual([described.id])
    })

    it('filters by creation time, both ends inclusive', async () => {
      const start = ns.ledger.store.now()
      const tokens = await jobsNamed(['a', 'b', 'c', 'd', 'e'])
      const from = start + 1000
      const to = start + 3000
      expect(await listAll(ns.ledger, { kind: 'job', createdFrom: from, createdTo: to })).toEqual([
        tokens[3],
        tokens[2],
        tokens[1],
      ])
      expect(await listAll(ns.ledger, { kind: 'job', createdFrom: to, order: 'oldest' })).toEqual(
        tokens.slice(3),
      )
      expect(await listAll(ns.ledger, { kind: 'job', name: 'a', createdTo: start + 500 })).toEqual([
        tokens[0],
      ])
    })

    it('pages through a filtered listing exactly once in either order, equal times too', async () => {
      const tokens = Array.from({ length: 23 }, (_, i) => `t-${String(i).padStart(2, '0')}`)
      await Promise.all(tokens.map((token) => ns.ledger.job(token, { name: 'batch' }).push('0')))
      await ns.ledger.job('other', { name: 'else' }).push('0')
      for (const order of ['newest', 'oldest'] as const) {
        const listed = await listAll(ns.ledger, { kind: 'job', name: 'bat', limit: 5, order })
        expect(listed.length).toBe(tokens.length)
        expect([...listed].sort()).toEqual(tokens)
      }
      const newest = await listAll(ns.ledger, { kind: 'job', name: 'bat', limit: 5 })
      const oldest = await listAll(ns.ledger, { kind: 'job', name: 'bat', order: 'oldest' })
      expect(oldest).toEqual([...newest].reverse())
    })

    it('filters by state: jobs by state or outcome, statuses by status, groups by state', async () => {
      await ns.ledger.job('open').push('a')
      const ok = ns.ledger.job('ok')
      await ok.push('a')
      await ok.close()
      await ok.done('a')
      const bad = ns.ledger.job('bad')
      await bad.push('a')
      await bad.close()
      await bad.fail('a', 'broken')
      await ns.ledger.status('w').update({ status: 'working' })
      await ns.ledger.status('c').update({ status: 'completed' })
      const ids = (options: ListOptions) => listAll(ns.ledger, options)
      expect(await ids({ kind: 'job', state: 'open' })).toEqual(['open'])
      expect((await ids({ kind: 'job', state: 'finished' })).sort()).toEqual(['bad', 'ok'])
      expect(await ids({ kind: 'job', state: 'failed' })).toEqual(['bad'])
      expect(await ids({ kind: 'job', state: 'succeeded', order: 'oldest' })).toEqual(['ok'])
      expect(await ids({ kind: 'status', state: 'working' })).toEqual(['w'])
      const group = await grouping().withinGrouping(() => {})
      const { state } = await group.record()
      expect(await ids({ kind: 'group', state })).toEqual([group.id])
    })

    it('drops expired units from name and state listings', async () => {
      await ns.ledger.job('lasting', { name: 'keep' }).push('a')
      await ns.ledger.job('fleeting', { name: 'keep too', ttlMs: 1000 }).push('a')
      ns.clock.advance(10_000)
      expect(await listAll(ns.ledger, { kind: 'job', name: 'keep' })).toEqual(['lasting'])
      expect(await listAll(ns.ledger, { kind: 'job', state: 'open' })).toEqual(['lasting'])
      expect(await listAll(ns.ledger, { kind: 'job' })).toEqual(['lasting'])
    })

    it('keeps the name a unit was first registered with', async () => {
      await ns.ledger.queue('q', { name: 'First' }).createAndPush(1)
      await ns.ledger.queue('q', { name: 'Second' }).createAndPush(2)
      await ns.ledger.store.registry.register('queue', 'q', 1, { name: 'Third', description: null })
      expect((await ns.ledger.list({ kind: 'queue' })).items[0]).toMatchObject({ name: 'First' })
      expect(await listAll(ns.ledger, { kind: 'queue', name: 'second' })).toEqual([])
      expect(await listAll(ns.ledger, { kind: 'queue', name: 'third' })).toEqual([])
    })

    it('rejects bad filters with INVALID_ARGUMENT', async () => {
      const bad: unknown[] = [
        { kind: 'job', order: 'sideways' },
        { kind: 'job', name: '' },
        { kind: 'job', name: 'x'.repeat(201) },
        { kind: 'job', createdFrom: -1 },
        { kind: 'job', createdTo: 1.5 },
        { kind: 'job', createdFrom: '2026-01-01' },
        { kind: 'job', state: 'working' },
        { kind: 'queue', state: 'waiting' },
        { kind: 'status', state: 'toString' },
        { kind: 'job', cursor: 42 },
      ]
      for (const options of bad) {
        await expect(
          ns.ledger.list(options as ListOptions),
          JSON.stringify(options),
        ).rejects.toMatchObject({
          code: 'INVALID_ARGUMENT',
        })
      }
      expect(() => ns.ledger.job('x', { name: 'x'.repeat(300) })).toThrow(/name/)
      expect(() => ns.ledger.status('s', { name: '' })).toThrow(/name/)
      expect(() => ns.ledger.queue('q', { name: 'a\u0000b' })).toThrow(/control/)
    })
  })
}
