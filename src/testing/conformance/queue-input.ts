import { describe, expect, it } from 'vitest'
import type { StoreHarness } from './harness.js'
import { useNamespace } from './use-namespace.js'

class Point {
  x = 1
}
const cyclic: Record<string, unknown> = { a: 1 }
cyclic.self = cyclic

const NON_JSON: [string, unknown][] = [
  ['undefined', undefined],
  ['a function', () => 1],
  ['a symbol', Symbol('s')],
  ['a bigint', 10n],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['a Date', new Date()],
  ['a Map', new Map()],
  ['a class instance', new Point()],
  ['a cycle', cyclic],
  ['an undefined field', { a: undefined }],
  ['a nested function', { list: [1, { f: () => 2 }] }],
]

const BAD_NAMES: [string, unknown][] = [
  ['empty', ''],
  ['an opening brace', 'a{b'],
  ['a closing brace', 'a}b'],
  ['a space', 'a b'],
  ['a newline', 'a\nb'],
  ['over 256 bytes', 'q'.repeat(257)],
  ['not a string', 42],
]

/** Bad input to queues: a typed error saying what to do, checked before the store, nothing written. */
export function queueInputConformance(harness: StoreHarness): void {
  describe('tracked queue input validation', () => {
    const ns = useNamespace(harness)

    it.each(BAD_NAMES)('rejects a queue name that is %s', (_label, name) => {
      expect(() => ns.ledger.queue(name as string)).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      )
    })

    it.each(NON_JSON)('rejects data that is %s and writes nothing', async (_label, data) => {
      const q = ns.ledger.queue('input')
      await expect(q.createAndPush(data)).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining('plain JSON'),
      })
      expect(await q.counts()).toEqual({ waiting: 0, running: 0, finished: 0, failed: 0 })
      expect((await ns.ledger.list({ kind: 'queue' })).items).toEqual([])
    })

    it('rejects data over 1 MB by default and over a configured limit, writing nothing', async () => {
      const q = ns.ledger.queue('big')
      await expect(q.createAndPush({ blob: 'x'.repeat(1_048_576) })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining('over the limit of 1048576'),
      })
      const small = ns.ledger.queue('big', { maxDataBytes: 100 })
      await expect(small.createAndPush('y'.repeat(100))).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      })
      const id = await q.createAndPush({ blob: 'x'.repeat(1_000_000) })
      expect(await q.counts()).toMatchObject({ waiting: 1 })
      const item = await small.tryPopAndStart()
      expect(item?.id).toBe(id)
      await expect(item!.finish('z'.repeat(200))).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      })
      await expect(item!.finish(() => 1)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
      await expect(item!.fail([Symbol('no')])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
      expect((await q.get(id)).state).toBe('running')
    })

    it('rejects bad ids, options, timeouts, states and cursors', async () => {
      const q = ns.ledger.queue('args')
      for (const id of ['', 'a b', 'a{b', 7]) {
        await expect(q.get(id as string)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
        await expect(q.finish(id as string, 1)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
        await expect(q.delete(id as string)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
      }
      for (const leaseMs of [0, -1, 1.5, '10', Number.NaN]) {
        expect(() => ns.ledger.queue('args', { leaseMs: leaseMs as number })).toThrow(
          expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
        )
      }
      expect(() => ns.ledger.queue('args', { maxAttempts: 0 })).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      )
      for (const timeoutMs of [-1, 0.5, '5', Number.POSITIVE_INFINITY]) {
        await expect(q.popAndStart({ timeoutMs: timeoutMs as number })).rejects.toMatchObject({
          code: 'INVALID_ARGUMENT',
        })
      }
      await expect(q.list('done' as 'finished')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
      await expect(q.list('waiting', { cursor: 'x' })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      })
      await expect(q.list('waiting', { limit: 0 })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      })
      await expect(q.on('changed' as 'stateChanged', () => {})).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      })
      expect(await q.counts()).toEqual({ waiting: 0, running: 0, finished: 0, failed: 0 })
    })
  })
}
