import { describe, expect, it } from 'vitest'
import { type CallbackPayload, isCallbackPayload } from '../../facades/callback-payload.js'
import type { DispatchPayload, StagedJobPayload } from '../../facades/stage-payload.js'
import type { Ledger } from '../../ledger.js'
import type { StoreHarness } from './harness.js'
import { TestQueue } from './stages-queue.js'
import { useNamespace } from './use-namespace.js'

const WORKERS = 8
const PARTS = 200
const TRIALS = 5
const STAGED_JOBS = 24

/** Runs every payload twice at once, from two of the workers; failing jobs throw. */
async function deliverTwice(
  workers: readonly Ledger[],
  payloads: readonly StagedJobPayload[],
  fails: (i: number) => boolean,
): Promise<void> {
  const runs = payloads.flatMap((payload, i) =>
    [i, i + 3].map(async (w) => {
      const staged = await workers[w % workers.length]!.stagedJob(payload)
      await staged.run(() => (fails(i) ? Promise.reject(new Error('x')) : 'ok')).catch(() => {})
    }),
  )
  await Promise.all(runs)
}

/** Exactly once when nothing crashes: races of writers on separate connections. */
export function callbackRaceConformance(harness: StoreHarness): void {
  describe('durable callbacks under races', () => {
    const ns = useNamespace(harness)

    it(`dispatches each callback once when ${WORKERS} workers settle every part twice and the job is closed last (${TRIALS} trials)`, async () => {
      const seen: CallbackPayload[] = []
      const dispatch = (payload: DispatchPayload) => {
        if (isCallbackPayload(payload)) seen.push(payload)
      }
      const workers = Array.from({ length: WORKERS }, () => ns.another({ dispatch }))
      for (let trial = 0; trial < TRIALS; trial++) {
        const token = `race-${trial}`
        const parts = Array.from({ length: PARTS }, (_, i) => String(i))
        const job = workers[0]!.job(token)
        await job.push(...parts)
        await job.on('settled', [{ name: 'a' }, { name: 'b', args: [trial] }])
        await job.on('succeeded', { name: 'ok' })
        const deliveries = [...parts, ...parts].map((part, i) =>
          workers[i % WORKERS]!.job(token).done(part),
        )
        const closes = workers.map((ledger) => ledger.job(token).close())
        const answers = await Promise.all([...deliveries, ...closes])
        expect(answers.filter(Boolean)).toHaveLength(1)
      }
      const keys = seen.map((payload) => payload.idempotencyKey).sort()
      const expected = Array.from({ length: TRIALS }, (_, t) => [
        `job:race-${t}:|settled:a`,
        `job:race-${t}:|settled:b`,
        `job:race-${t}:|succeeded:ok`,
      ]).flat()
      expect(keys).toEqual(expected.sort())
    })

    it(`fires a group's and a stage's signals once when ${WORKERS} connections run every staged job twice (${TRIALS} trials)`, async () => {
      const queue = new TestQueue()
      const workers = Array.from({ length: WORKERS }, () => ns.another(queue.options))
      const producer = ns.another(queue.options)
      const ids: string[] = []
      for (let trial = 0; trial < TRIALS; trial++) {
        const callbacks = { settled: { name: 'g-settled' }, failed: { name: 'g-failed' } }
        const group = await producer.withinGrouping(
          { description: `t${trial}`, callbacks },
          async (g) => {
            for (let i = 0; i < STAGED_JOBS; i++) await g.stage(1).enqueue('Work', [i])
            await g.stage(1).on('settled', { name: 's1-settled' })
            await g.stage(2).enqueue('Next', [])
            await g.stage(2).enqueue('NextToo', [])
          },
        )
        ids.push(group.id)
        await deliverTwice(workers, queue.drain(), (i) => i % 7 === 0)
        const next = queue.drain()
        expect(next.map((payload) => payload.name)).toEqual(['Next', 'NextToo'])
        await deliverTwice(workers, next, () => false)
        const record = await producer.groupWithStages(group.id)
        expect(record?.signals).toMatchObject({
          settled: expect.any(Number),
          failed: expect.any(Number),
          succeeded: null,
          stopped: null,
        })
      }
      const keys = queue.callbacks.map((payload) => payload.idempotencyKey).sort()
      const expected = ids.flatMap((id) => [
        `group:${id}:stage:1|settled:s1-settled`,
        `group:${id}:|failed:g-failed`,
        `group:${id}:|settled:g-settled`,
      ])
      expect(keys).toEqual(expected.sort())
    })
  })
}
