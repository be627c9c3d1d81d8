import { describe, expect, it } from 'vitest'
import type { StagedJobPayload } from '../../facades/stage-payload.js'
import type { StoreHarness } from './harness.js'
import { TestQueue } from './stages-queue.js'
import { useNamespace } from './use-namespace.js'

const WORKERS = 8
const JOBS = 50
const FULL_TRIALS = 20

/** The next stage is initiated exactly once when a stage's last jobs settle concurrently. */
export function stagesRaceConformance(harness: StoreHarness): void {
  const trials = harness.raceTrials ?? FULL_TRIALS
  describe('stages races', () => {
    const ns = useNamespace(harness)

    it(`initiates stage 2 exactly once when ${JOBS} jobs finish from ${WORKERS} connections (${trials} trials)`, async () => {
      const queue = new TestQueue()
      const workers = Array.from({ length: WORKERS }, () => ns.another(queue.options))
      const producer = ns.another(queue.options)
      for (let trial = 0; trial < trials; trial++) {
        await producer.withinGrouping(`trial ${trial}`, async (g) => {
          for (let i = 0; i < JOBS; i++) await g.stage(1).enqueue('Work', [i])
          await g.stage(2).enqueue('Next', [trial])
          await g.stage(2).enqueue('NextToo', [trial])
        })
        const stage1 = queue.drain()
        expect(stage1).toHaveLength(JOBS)
        const started = await Promise.all(
          stage1.map((payload, i) => workers[i % WORKERS]!.stagedJob(payload)),
        )
        await Promise.all(
          started.map((staged, i) =>
            staged.run(() => (i % 7 === 0 ? Promise.reject(new Error('x')) : 'ok')).catch(() => {}),
          ),
        )
        const next = queue.drain()
        expect(next.map((p: StagedJobPayload) => p.name)).toEqual(['Next', 'NextToo'])
      }
    })
  })
}
