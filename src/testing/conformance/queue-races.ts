import { describe, expect, it } from 'vitest'
import type { Queue } from '../../facades/queue.js'
import type { StoreHarness } from './harness.js'
import { useNamespace } from './use-namespace.js'

const CONSUMERS = 4
const ITEMS = 10_000

/** Pops until the queue stays empty once every item has been pushed. */
async function consume(q: Queue<number>, pushed: () => boolean, started: string[]): Promise<void> {
  for (;;) {
    const item = await q.popAndStart({ timeoutMs: 50 })
    if (item) {
      started.push(item.id)
      await item.finish(item.data * 2)
    } else if (pushed()) {
      return
    }
  }
}

/** Many consumers on separate connections: each item started exactly once, none lost. */
export function queueRaceConformance(harness: StoreHarness): void {
  describe('tracked queue races', () => {
    const ns = useNamespace(harness)

    it(`starts each of ${ITEMS} items exactly once across ${CONSUMERS} concurrent consumers`, async () => {
      const producer = ns.ledger.queue<number>('race')
      const consumers = Array.from({ length: CONSUMERS }, () => ns.another().queue<number>('race'))
      const started: string[][] = consumers.map(() => [])
      let done = false
      const consuming = consumers.map((q, i) => consume(q, () => done, started[i]!))
      const ids: string[] = []
      for (let start = 0; start < ITEMS; start += 500) {
        const batch = Array.from({ length: 500 }, (_, i) => producer.createAndPush(start + i))
        ids.push(...(await Promise.all(batch)))
      }
      done = true
      await Promise.all(consuming)
      const all = started.flat()
      expect(all).toHaveLength(ITEMS)
      expect(new Set(all).size).toBe(ITEMS)
      expect(new Set(all)).toEqual(new Set(ids))
      expect(started.filter((list) => list.length > 0).length).toBeGreaterThan(1)
      expect(await producer.counts()).toEqual({
        waiting: 0,
        running: 0,
        finished: ITEMS,
        failed: 0,
      })
      const sample = await producer.get(ids[1234]!)
      expect(sample).toMatchObject({ state: 'finished', data: 1234, result: 2468, attempts: 1 })
    })
  })
}
