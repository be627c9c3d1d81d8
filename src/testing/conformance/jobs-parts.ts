import { describe, expect, it } from 'vitest'
import type { StoreHarness } from './harness.js'
import { useNamespace } from './use-namespace.js'

/** push, done, fail, close and the exactly-once completion answer. */
export function jobPartsConformance(harness: StoreHarness): void {
  describe('distributed job parts', () => {
    const ns = useNamespace(harness)

    it('counts a part pushed twice once in count and total', async () => {
      const job = ns.ledger.job()
      await job.push('a')
      await job.push('a')
      await job.push(3)
      await job.push('3')
      expect(await job.count()).toBe(2)
      expect(await job.total()).toBe(2)
    })

    it('answers false for done of an unknown part and changes nothing', async () => {
      const job = ns.ledger.job()
      await job.push('a')
      await job.close()
      expect(await job.done('b')).toBe(false)
      expect(await job.summary()).toMatchObject({ open: 1, succeeded: 0, state: 'closed' })
    })

    it('answers false while the job is open, true for the last part of a closed job, and only once', async () => {
      const job = ns.ledger.job()
      await job.push('a')
      await job.push('b')
      expect(await job.done('a')).toBe(false)
      await job.close()
      expect(await job.done('b')).toBe(true)
      expect(await job.done('b')).toBe(false)
      expect(await job.isFinished()).toBe(true)
      expect(await job.count()).toBe(0)
      expect(await job.total()).toBe(2)
    })

    it('lets close() report the completion when every part was settled before it', async () => {
      const job = ns.ledger.job()
      await job.push('0')
      await job.push('x')
      expect(await job.done('0')).toBe(false)
      expect(await job.done('x')).toBe(false)
      expect(await job.isFinished()).toBe(false)
      expect(await job.close()).toBe(true)
      expect(await job.close()).toBe(false)
      expect(await job.isFinished()).toBe(true)
    })

    it('finishes an empty job on close', async () => {
      const job = ns.ledger.job()
      expect(await job.close()).toBe(true)
      expect(await job.summary()).toMatchObject({
        state: 'finished',
        total: 0,
        outcome: 'succeeded',
      })
    })

    it('does not settle a part twice, even as succeeded then failed', async () => {
      const job = ns.ledger.job()
      await job.push('a')
      await job.push('b')
      await job.close()
      expect(await job.done('a')).toBe(false)
      expect(await job.fail('a', 'late')).toBe(false)
      expect(await job.summary()).toMatchObject({ open: 1, succeeded: 1, failed: 0 })
    })

    it('settles failed parts with a reason under the same exactly-once rule', async () => {
      const job = ns.ledger.job()
      await job.push('7')
      await job.push('row-8')
      await job.close()
      expect(await job.fail('7', new TypeError('bad row'))).toBe(false)
      expect(await job.fail('row-8', 'timeout')).toBe(true)
      expect(await job.summary()).toMatchObject({
        state: 'finished',
        failed: 2,
        succeeded: 0,
        outcome: 'failed',
      })
      const { failures, cursor } = await job.failures()
      expect(cursor).toBeNull()
      expect(failures.sort((a, b) => a.part.localeCompare(b.part))).toEqual([
        { part: '7', reason: 'TypeError: bad row' },
        { part: 'row-8', reason: 'timeout' },
      ])
    })

    it('refuses new parts after close and changes nothing, but accepts re-pushing a known part', async () => {
      const job = ns.ledger.job()
      await job.push('1')
      await job.push('one')
      await job.close()
      await expect(job.push('2')).rejects.toMatchObject({ code: 'INVALID_TRANSITION' })
      await expect(job.push('two')).rejects.toMatchObject({ code: 'INVALID_TRANSITION' })
      await job.push('1')
      await job.push('one')
      expect(await job.summary()).toMatchObject({ total: 2, open: 2, state: 'closed' })
      expect(await job.isOpenPart('2')).toBe(false)
    })

    it('tells which parts are open', async () => {
      const job = ns.ledger.job()
      await job.push('0')
      await job.push('name')
      await job.done('0')
      expect(await job.isOpenPart('0')).toBe(false)
      expect(await job.isOpenPart(0)).toBe(false)
      expect(await job.isOpenPart('name')).toBe(true)
      expect(await job.isOpenPart('other')).toBe(false)
    })

    it('iterates exactly the open parts, dense and named, across pages', async () => {
      const job = ns.ledger.job()
      const dense = Array.from({ length: 10_000 }, (_, i) => i)
      await job.pushInBatches(dense, { batchSize: 2_500 }, () => {})
      for (let i = 0; i < 10_000; i += 3) await job.done(i)
      const open: string[] = []
      for await (const part of job.openParts()) open.push(part)
      const expected = dense.filter((i) => i % 3 !== 0).map(String)
      expect(open.sort()).toEqual(expected.sort())
    })

    it('iterates named parts pushed one by one', async () => {
      const job = ns.ledger.job()
      const named = Array.from({ length: 1_200 }, (_, i) => `item-${i}`)
      for (const part of named) await job.push(part)
      await job.push('5')
      await job.done('item-0')
      const open = new Set<string>()
      for await (const part of job.openParts()) open.add(part)
      expect(open.size).toBe(1_200)
      expect(open.has('item-0')).toBe(false)
      expect(open.has('5')).toBe(true)
    })

    it('reads an unknown job as empty', async () => {
      const job = ns.ledger.job('never-written')
      expect(await job.summary()).toBeNull()
      expect(await job.count()).toBe(0)
      expect(await job.total()).toBe(0)
      expect(await job.isFinished()).toBe(false)
      expect(await job.isStopped()).toBe(false)
      expect(await job.done('0')).toBe(false)
      expect(await job.summary()).toBeNull()
    })

    it('sees writes of one ledger from another', async () => {
      const job = ns.ledger.job()
      await job.push('a')
      await job.close()
      const elsewhere = ns.another().job(job.token)
      expect(await elsewhere.isOpenPart('a')).toBe(true)
      expect(await elsewhere.done('a')).toBe(true)
      expect(await job.isFinished()).toBe(true)
    })
  })
}
