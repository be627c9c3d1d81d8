import { describe, expect, it } from 'vitest'
import { createLedger } from '../../create-ledger.js'
import type { Ledger } from '../../ledger.js'
import type { StoreHarness } from './harness.js'
import { TestQueue } from './stages-queue.js'
import { useNamespace } from './use-namespace.js'

// Callers from plain JavaScript (or JSON) pass null where TypeScript would omit the argument.
const NULL = null as never

type Call = [name: string, run: (ledger: Ledger) => unknown]

/** Optional options given as null mean "no options"; required ones are refused, never a TypeError. */
export function nullOptionsConformance(harness: StoreHarness): void {
  describe('null options', () => {
    const ns = useNamespace(harness)

    const optional: Call[] = [
      ['ledger.job', (l) => l.job('t', NULL).push('a')],
      [
        'ledger.batch',
        async (l) => {
          await l.job('b').addBatch([1])
          return l.batch('b', 0, NULL).items()
        },
      ],
      ['ledger.queue', (l) => l.queue('q', NULL).createAndPush({ n: 1 })],
      [
        'queue.popAndStart',
        async (l) => {
          await l.queue('p').createAndPush(1)
          return l.queue('p').popAndStart(NULL)
        },
      ],
      ['queue.list', (l) => l.queue('q').list('waiting', NULL)],
      ['job.outcomes', (l) => l.job('o').outcomes('skipped', NULL)],
      [
        'job.stop',
        async (l) => {
          await l.job('s').push('a')
          return l.job('s').stop(NULL)
        },
      ],
      ['ledger.status', (l) => l.status('s1', NULL).update({ step: 'x' })],
      ['status.update', (l) => l.status('s2').update({ step: 'x' }, NULL)],
      ['ledger.track', (l) => l.track('s3', () => 1, NULL)],
      ['ledger.watch', (l) => l.watch('s4', NULL)],
      ['cleaner.cleanupOrphans', (l) => l.cleaner.cleanupOrphans(NULL)],
    ]
    for (const [name, run] of optional) {
      it(`${name}(…, null) works as if the options were omitted`, async () => {
        await expect(Promise.resolve().then(() => run(ns.ledger))).resolves.not.toThrow()
      })
    }

    const required: Call[] = [
      ['ledger.tracker', (l) => l.tracker(NULL)],
      ['ledger.list', (l) => l.list(NULL)],
      ['job.addBatches', (l) => l.job().addBatches([1], NULL, () => {})],
      ['job.pushInBatches', (l) => l.job().pushInBatches([1], NULL, () => {})],
    ]
    for (const [name, run] of required) {
      it(`${name}(null) is refused with INVALID_ARGUMENT`, async () => {
        await expect(Promise.resolve().then(() => run(ns.ledger))).rejects.toMatchObject({
          code: 'INVALID_ARGUMENT',
        })
      })
    }

    it('options that are not objects are refused with INVALID_ARGUMENT', async () => {
      const calls: Call[] = [
        ['ledger.job', (l) => l.job('t', 5 as never)],
        ['ledger.queue', (l) => l.queue('q', 'x' as never)],
        ['job.outcomes', (l) => l.job('o').outcomes('skipped', [] as never)],
      ]
      for (const [name, run] of calls) {
        await expect(
          Promise.resolve().then(() => run(ns.ledger)),
          name,
        ).rejects.toMatchObject({
          code: 'INVALID_ARGUMENT',
        })
      }
    })

    it('createLedger(null) and stagedJob.run(fn, null) work as if the options were omitted', async () => {
      await createLedger(NULL).close()
      const queue = new TestQueue()
      const ledger = ns.another(queue.options)
      await ledger.withinGrouping('nulls', async (g) => {
        await g.stage(1).enqueue('Job', [])
      })
      const staged = await ledger.stagedJob(queue.drain()[0])
      expect(await staged.run(() => 7, NULL)).toBe(7)
    })
  })
}
