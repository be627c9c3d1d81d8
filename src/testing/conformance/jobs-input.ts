import { describe, expect, it } from 'vitest'
import type { StoreHarness } from './harness.js'
import { useNamespace } from './use-namespace.js'

const BAD_IDS: [string, unknown][] = [
  ['empty', ''],
  ['over 256 bytes', 'x'.repeat(257)],
  ['over 256 bytes in UTF-8', 'é'.repeat(129)],
  ['an opening brace', 'a{b'],
  ['a closing brace', 'a}b'],
  ['a space', 'a b'],
  ['a tab', 'a\tb'],
  ['a newline', 'a\nb'],
  ['a NUL', 'a\u0000b'],
  ['a non-string', { id: 1 }],
]

/** Bad input: typed INVALID_ARGUMENT, and nothing written. */
export function jobInputConformance(harness: StoreHarness): void {
  describe('distributed job input validation', () => {
    const ns = useNamespace(harness)

    it.each(BAD_IDS)('rejects a token that is %s', (_label, token) => {
      expect(() => ns.ledger.job(token as string)).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      )
    })

    it.each(BAD_IDS)('rejects a part that is %s and writes nothing', async (_label, part) => {
      const job = ns.ledger.job()
      await expect(job.push(part as string)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
      await expect(job.done(part as string)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
      expect(await job.summary()).toBeNull()
    })

    it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, '60', 20 * 365 * 86_400])(
      'rejects ttl %s (seconds)',
      (ttl) => {
        expect(() => ns.ledger.job(undefined, { ttl: ttl as number })).toThrow(
          expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
        )
      },
    )

    it('accepts a 256-byte token and negative or fractional numbers only as strings', async () => {
      const job = ns.ledger.job('t'.repeat(256))
      await job.push('x')
      expect(await job.count()).toBe(1)
      await expect(job.push(-1)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
      await expect(job.push(1.5)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
      await job.push('-1')
      expect(await job.count()).toBe(2)
    })

    it('keeps __proto__-style tokens and parts as plain data', async () => {
      for (const token of ['__proto__', 'constructor', 'prototype']) {
        const job = ns.ledger.job(token)
        await job.push('__proto__')
        await job.push('constructor')
        await job.close()
        expect(await job.summary()).toMatchObject({ total: 2, open: 2 })
        expect(await job.done('__proto__')).toBe(false)
        expect(await job.done('constructor')).toBe(true)
      }
      expect(({} as Record<string, unknown>).total).toBeUndefined()
      expect(Object.prototype).not.toHaveProperty('closed')
    })

    it('rejects a non-iterable or a bad batch size before writing', async () => {
      const job = ns.ledger.job()
      await expect(job.pushEach(42 as unknown as string[], () => {})).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      })
      for (const batchSize of [0, -2, 1.5, Number.NaN]) {
        await expect(job.pushInBatches(['a'], { batchSize }, () => {})).rejects.toMatchObject({
          code: 'INVALID_ARGUMENT',
        })
      }
      expect(await job.summary()).toBeNull()
    })

    it('fails a part with whatever a catch block holds, described as text', async () => {
      const job = ns.ledger.job()
      await job.push('number', 'object', 'cycle', 'nothing')
      const cycle: { self?: unknown } = {}
      cycle.self = cycle
      await job.fail('number', 42)
      await job.fail('object', { code: 'E_BAD', rows: [3] })
      await job.fail('cycle', cycle)
      await job.fail('nothing', undefined)
      const { failures } = await job.failures()
      expect(Object.fromEntries(failures.map((f) => [f.part, f.reason]))).toEqual({
        number: '42',
        object: '{"code":"E_BAD","rows":[3]}',
        cycle: '[object Object]',
        nothing: 'undefined',
      })
    })

    it('rejects a stop reason that is neither a string nor an Error', async () => {
      const job = ns.ledger.job()
      await job.push('a')
      await expect(job.stop({ reason: 42 as unknown as string })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      })
      expect(await job.isStopped()).toBe(false)
    })
  })
}
