import { describe, expect, it } from 'vitest'
import type { Ledger } from '../../ledger.js'
import type { StoreHarness } from './harness.js'
import { TestQueue } from './stages-queue.js'
import { useNamespace } from './use-namespace.js'

/** Strings Redis (UTF-8) would turn into U+FFFD: lone halves of surrogate pairs. */
const ILL_FORMED: [string, string][] = [
  ['a lone high surrogate', 'a\uD800b'],
  ['a lone low surrogate', 'a\uDC00b'],
  ['a trailing high surrogate', 'ab\uD83D'],
  ['a pair in the wrong order', 'a\uDE00\uD83Db'],
]

function nested(levels: number): unknown {
  let value: unknown = 'leaf'
  for (let i = 0; i < levels; i++) value = i % 2 === 0 ? [value] : { child: value }
  return value
}

// biome-ignore lint/suspicious/noSparseArray: a sparse array is the input under test
const SPARSE: unknown[] = [1, , 3]

/** The JSON payloads that would not come back the same from Redis, or crash a recursive check. */
const BAD_JSON: [string, unknown][] = [
  ['a string with a lone surrogate', { note: 'x\uD800' }],
  ['a key with a lone surrogate', { 'k\uDC00': 1 }],
  ['nesting 65 levels deep', nested(65)],
  ['nesting 10,000 levels deep', nested(10_000)],
  ['a sparse array', { rows: SPARSE }],
]

async function expectRefused(attempt: () => unknown): Promise<void> {
  await expect(Promise.resolve().then(attempt)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
}

async function stagedJobOf(ledger: Ledger, queue: TestQueue) {
  await ledger.withinGrouping('g', async (g) => {
    await g.stage(1).enqueue('X', [])
  })
  return ledger.stagedJob(queue.drain()[0]!)
}

/** Input Redis cannot hold apart is refused by every store alike, and nothing is written. */
export function textInputConformance(harness: StoreHarness): void {
  describe('input Redis cannot hold apart', () => {
    const ns = useNamespace(harness)

    it.each(ILL_FORMED)('refuses ids and parts with %s', async (_label, text) => {
      const { ledger } = ns
      await expectRefused(() => ledger.job(text))
      await expectRefused(() => ledger.status(text))
      await expectRefused(() => ledger.getStatus(text))
      await expectRefused(() => ledger.queue(text))
      await expectRefused(() => ledger.group(text))
      await expectRefused(() => ledger.queue('q').get(text))
      const job = ledger.job()
      await expectRefused(() => job.push(text))
      await expectRefused(() => job.done(text))
      await expectRefused(() => job.addBatch(['1', text]))
      await expectRefused(() => ledger.status('s').set(text, 1))
      expect(await job.summary()).toBeNull()
      expect(await ledger.getStatus('s')).toBeNull()
    })

    it('refuses both of two ids that differ only by a lone surrogate', async () => {
      const job = ns.ledger.job()
      await expectRefused(() => job.push('part-\uD800'))
      await expectRefused(() => job.push('part-\uD801'))
      await job.push('part-\uFFFD', 'part-😀')
      await job.close()
      expect(await job.summary()).toMatchObject({ total: 2, open: 2 })
      expect(await job.isOpenPart('part-😀')).toBe(true)
    })

    it.each(BAD_JSON)('refuses a status field holding %s', async (_label, value) => {
      const status = ns.ledger.status('fields')
      await expectRefused(() => status.set('x', value))
      await expectRefused(() => status.update({ step: 'A', x: value }))
      expect(await ns.ledger.getStatus('fields')).toBeNull()
    })

    it.each(BAD_JSON)('refuses queue data and results holding %s', async (_label, value) => {
      const queue = ns.ledger.queue('json')
      await expectRefused(() => queue.createAndPush(value))
      expect(await queue.counts()).toEqual({ waiting: 0, running: 0, finished: 0, failed: 0 })
      await queue.createAndPush({ ok: true })
      const item = await queue.tryPopAndStart()
      await expectRefused(() => item?.finish(value))
      expect((await queue.get(item!.id)).state).toBe('running')
    })

    it.each(BAD_JSON)('refuses staged-job args holding %s', async (_label, value) => {
      const queue = new TestQueue()
      const ledger = ns.another(queue.options)
      const group = await ledger.withinGrouping('g', async () => {})
      await expectRefused(() => group.stage(1).enqueue('X', [value]))
      expect(await group.stages()).toEqual([])
    })

    it('accepts JSON nested 64 levels deep and reads it back', async () => {
      const status = ns.ledger.status('deep')
      await status.set('x', nested(64))
      expect((await ns.ledger.getStatus('deep'))?.fields.x).toEqual(nested(64))
    })

    it('refuses reasons, messages and descriptions with lone surrogates', async () => {
      const job = ns.ledger.job()
      await job.push('a')
      await expectRefused(() => job.fail('a', 'bad \uD800'))
      await expectRefused(() => job.stop({ reason: '\uDC00' }))
      expect(await job.isOpenPart('a')).toBe(true)
      expect(await job.isStopped()).toBe(false)
      const queue = new TestQueue()
      const ledger = ns.another(queue.options)
      await expectRefused(() => ledger.withinGrouping('import \uD800', () => {}))
      const staged = await stagedJobOf(ledger, queue)
      await expectRefused(() => staged.setStatusMessage('row \uDC00'))
      expect(await staged.statusMessage()).toBeNull()
    })

    it('keeps an Error whose message has a lone surrogate, with U+FFFD in its place', async () => {
      const job = ns.ledger.job()
      await job.push('a')
      await job.fail('a', new Error('bad \uD800 row'))
      expect((await job.failures()).failures).toEqual([
        { part: 'a', reason: 'Error: bad \uFFFD row' },
      ])
    })

    it('cuts long reasons and status messages between code points', async () => {
      const long = `${'x'.repeat(4_094)}😀tail`
      const job = ns.ledger.job()
      await job.push('a')
      await job.fail('a', long)
      const [failure] = (await job.failures()).failures
      expect(failure?.reason).toBe(`${'x'.repeat(4_094)}…`)
      const queue = new TestQueue()
      const staged = await stagedJobOf(ns.another(queue.options), queue)
      await staged.setStatusMessage(long)
      expect(await staged.statusMessage()).toBe(`${'x'.repeat(4_094)}…`)
    })
  })
}
