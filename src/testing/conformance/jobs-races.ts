import { describe, expect, it } from 'vitest'
import type { Ledger } from '../../ledger.js'
import type { StoreHarness } from './harness.js'
import { useNamespace } from './use-namespace.js'

const WORKERS = 8
const PARTS = 10_000
const FULL_TRIALS = 20

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[items[i], items[j]] = [items[j]!, items[i]!]
  }
  return items
}

/** Deals the calls round-robin to the workers and runs every worker's calls at once. */
async function settleConcurrently(
  workers: Ledger[],
  token: string,
  parts: string[],
): Promise<boolean[]> {
  const perWorker = workers.map((ledger, w) => {
    const job = ledger.job(token)
    return Promise.all(
      parts.filter((_, i) => i % workers.length === w).map((part) => job.done(part)),
    )
  })
  return (await Promise.all(perWorker)).flat()
}

/** Exactly-once completion under concurrent writers on separate connections. */
export function jobRaceConformance(harness: StoreHarness): void {
  const trials = harness.raceTrials ?? FULL_TRIALS
  describe('distributed job races', () => {
    const ns = useNamespace(harness)

    it(`tells exactly one of ${WORKERS} workers settling ${PARTS} parts that the job finished (${trials} trials)`, async () => {
      const workers = Array.from({ length: WORKERS }, () => ns.another())
      for (let trial = 0; trial < trials; trial++) {
        const job = ns.ledger.job()
        const parts = Array.from({ length: PARTS }, (_, i) => String(i))
        await job.pushInBatches(parts, { batchSize: PARTS }, () => {})
        const answers = await settleConcurrently(workers, job.token, shuffle(parts))
        expect(answers.filter(Boolean)).toHaveLength(1)
        expect(await job.count()).toBe(0)
        expect(await job.total()).toBe(PARTS)
      }
    })

    it(`keeps exactly one completion with shuffled parts, 25% duplicate calls and a late close (${trials} trials)`, async () => {
      const workers = Array.from({ length: WORKERS }, () => ns.another())
      for (let trial = 0; trial < trials; trial++) {
        const job = ns.ledger.job()
        const parts = Array.from({ length: PARTS }, (_, i) => (i % 2 === 0 ? String(i) : `p-${i}`))
        await job.push(...parts)
        const duplicates = parts.filter(() => Math.random() < 0.25)
        const calls = shuffle([...parts, ...duplicates])
        const closing = ns.another().job(job.token)
        const cut = Math.floor(calls.length * 0.9)
        const early = settleConcurrently(workers, job.token, calls.slice(0, cut))
        const closeAnswer = closing.close()
        const late = settleConcurrently(workers, job.token, calls.slice(cut))
        const answers = [...(await early), ...(await late), await closeAnswer]
        expect(answers.filter(Boolean)).toHaveLength(1)
        expect(await job.summary()).toMatchObject({
          state: 'finished',
          open: 0,
          total: PARTS,
          succeeded: PARTS,
        })
      }
    })
  })
}
