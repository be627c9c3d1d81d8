import { describe, expect, it } from 'vitest'
import type { StoreHarness } from './harness.js'
import { useNamespace } from './use-namespace.js'

async function* generate(n: number): AsyncGenerator<string> {
  for (let i = 0; i < n; i++) yield `item-${i}`
}

/** pushEach and pushInBatches: numbering, push-before-callback, close-before-last. */
export function jobPushEachConformance(harness: StoreHarness): void {
  describe('pushEach and pushInBatches', () => {
    const ns = useNamespace(harness)

    it('numbers parts by position, pushes each before its callback and closes right before the last', async () => {
      const job = ns.ledger.job()
      const seen: [string, string, boolean, string | undefined][] = []
      const result = await job.pushEach(['a', 'b', 'c'], async (item, part) => {
        const summary = await job.summary()
        seen.push([item, part, await job.isOpenPart(part), summary?.state])
      })
      expect(seen).toEqual([
        ['a', '0', true, 'open'],
        ['b', '1', true, 'open'],
        ['c', '2', true, 'closed'],
      ])
      expect(result).toEqual({ parts: 3, finished: false })
      expect(await job.total()).toBe(3)
    })

    it('takes async iterables of unknown length, past one internal chunk', async () => {
      const job = ns.ledger.job()
      const parts: string[] = []
      const result = await job.pushEach(generate(12_001), (item, part) => {
        if (item !== `item-${part}`) throw new Error(`item ${item} got part ${part}`)
        parts.push(part)
      })
      expect(result.parts).toBe(12_001)
      expect(parts.at(-1)).toBe('12000')
      expect(await job.summary()).toMatchObject({ total: 12_001, open: 12_001, state: 'closed' })
    })

    it('lets the worker of the last part learn completion when workers run inside the callbacks', async () => {
      const job = ns.ledger.job()
      const answers: boolean[] = []
      await job.pushEach(['x', 'y', 'z', 'w'], async (_item, part) => {
        answers.push(await ns.another().job(job.token).done(part))
      })
      expect(answers).toEqual([false, false, false, true])
    })

    it('finishes the job on close for an empty collection', async () => {
      const job = ns.ledger.job()
      let calls = 0
      const result = await job.pushEach([], () => calls++)
      expect(result).toEqual({ parts: 0, finished: true })
      expect(calls).toBe(0)
      expect(await job.isFinished()).toBe(true)
    })

    it('hands batches of [item, part] pairs and closes before the last batch only', async () => {
      const job = ns.ledger.job()
      const batches: { pairs: [number, string][]; state: string | undefined }[] = []
      const result = await job.pushInBatches(
        [10, 11, 12, 13, 14],
        { batchSize: 2 },
        async (pairs) => {
          batches.push({ pairs, state: (await job.summary())?.state })
        },
      )
      expect(batches).toEqual([
        {
          pairs: [
            [10, '0'],
            [11, '1'],
          ],
          state: 'open',
        },
        {
          pairs: [
            [12, '2'],
            [13, '3'],
          ],
          state: 'open',
        },
        { pairs: [[14, '4']], state: 'closed' },
      ])
      expect(result).toEqual({ parts: 5, finished: false })
    })

    it('closes before the last batch when the length is an exact multiple of the batch size', async () => {
      const job = ns.ledger.job()
      const states: (string | undefined)[] = []
      await job.pushInBatches(generate(6), { batchSize: 3 }, async () => {
        states.push((await job.summary())?.state)
      })
      expect(states).toEqual(['open', 'closed'])
    })

    it('finishes an empty job pushed in batches without calling back', async () => {
      const job = ns.ledger.job()
      let calls = 0
      expect(await job.pushInBatches([], { batchSize: 10 }, () => calls++)).toEqual({
        parts: 0,
        finished: true,
      })
      expect(calls).toBe(0)
    })

    it('lets the last batch worker learn completion', async () => {
      const job = ns.ledger.job()
      const finishers: string[] = []
      await job.pushInBatches(generate(7), { batchSize: 3 }, async (pairs) => {
        for (const [, part] of pairs)
          if (await ns.another().job(job.token).done(part)) finishers.push(part)
      })
      expect(finishers).toEqual(['6'])
    })
  })
}
