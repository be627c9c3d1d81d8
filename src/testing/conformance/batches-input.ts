import { describe, expect, it } from 'vitest'
import type { StoreHarness } from './harness.js'
import { useNamespace } from './use-namespace.js'

const BAD_ITEMS: [string, unknown][] = [
  ['an empty batch', []],
  ['not an array', 'abc'],
  ['an object item', [{ id: 1 }]],
  ['a fractional number', [1.5]],
  ['an unsafe integer', [2 ** 60]],
  ['NaN', [Number.NaN]],
  ['an empty string', ['']],
  ['an id over 256 bytes', ['x'.repeat(257)]],
  ['null', [null]],
  ['over 1,000,000 items', Array.from({ length: 1_000_001 }, (_, i) => i)],
]

/** Bad input to batches and trackers: typed errors, and nothing written. */
export function batchInputConformance(harness: StoreHarness): void {
  describe('batches: input validation', () => {
    const ns = useNamespace(harness)

    it.each(BAD_ITEMS)('refuses %s and writes nothing', async (_label, items) => {
      const job = ns.ledger.job()
      await expect(job.addBatch(items as string[])).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      })
      expect(await job.summary()).toBeNull()
      expect(await job.report()).toBeNull()
    })

    it('accepts 256-byte ids, negative integers and ids with spaces or braces', async () => {
      const job = ns.ledger.job()
      const items = ['y'.repeat(256), -5, 'a b', '{x}']
      const { index } = await job.addBatch(items)
      const stored = await ns.ledger.batch(job.token, index).items()
      expect(stored.sort()).toEqual(['-5', 'a b', 'y'.repeat(256), '{x}'].sort())
    })

    it('answers NOT_FOUND for a batch index that does not exist', async () => {
      const job = ns.ledger.job()
      await job.addBatch(['a'])
      const missing = ns.ledger.batch(job.token, 1)
      await expect(missing.items()).rejects.toMatchObject({ code: 'NOT_FOUND' })
      await expect(missing.removeSet('pending')).rejects.toMatchObject({ code: 'NOT_FOUND' })
      await expect(missing.moveItems('pending', 'x', ['a'])).rejects.toMatchObject({
        code: 'NOT_FOUND',
      })
      const tracker = ns.ledger.tracker({ job: 'no-such-job', batch: 0 })
      await expect(tracker.eachRecord(() => {})).rejects.toMatchObject({ code: 'NOT_FOUND' })
      expect(await ns.ledger.job('no-such-job').summary()).toBeNull()
      expect(await job.report()).toMatchObject({ batches: 1, items: 1 })
    })

    it.each([
      ['a negative batch index', { batch: -1 }],
      ['a fractional batch index', { batch: 0.5 }],
      ['a string batch index', { batch: '0' }],
      ['a bad job token', { job: 'a b' }],
      ['concurrency 0', { concurrency: 0 }],
      ['a load that is not a function', { load: [] }],
    ])('refuses a tracker with %s', (_label, override) => {
      const options = { job: 'j', batch: 0, ...override } as never
      expect(() => ns.ledger.tracker(options)).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      )
    })

    it('refuses bad set names, bad ids to move, bad outcome kinds and limits', async () => {
      const job = ns.ledger.job()
      const { index } = await job.addBatch(['a'])
      const batch = ns.ledger.batch(job.token, index)
      await expect(batch.items('a{b')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
      await expect(batch.removeSet('')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
      await expect(batch.moveItems('pending', 'x', [{}] as never)).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      })
      await expect(job.outcomes('lost' as never)).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      })
      await expect(job.outcomes('errored', { limit: 0 })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      })
      await expect(job.outcomes('errored', { cursor: 'x' })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      })
      expect(await batch.items()).toEqual(['a'])
    })

    it('lets an error in load or idOf escape eachRecord and leaves the batch pending', async () => {
      const job = ns.ledger.job()
      const { index } = await job.addBatch(['a', 'b'])
      const failing = ns.ledger.tracker({
        job: job.token,
        batch: index,
        load: async () => {
          throw new Error('database down')
        },
      })
      await expect(failing.eachRecord(() => {})).rejects.toThrow('database down')
      const noId = ns.ledger.tracker({ job: job.token, batch: index, load: (ids) => ids })
      await expect(noId.eachRecord(() => {})).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
      expect((await ns.ledger.batch(job.token, index).items()).sort()).toEqual(['a', 'b'])
      expect(await job.report()).toMatchObject({ processed: 0, errored: 0 })
    })
  })
}
