import { describe, expect, it } from 'vitest'
import { type CallbackPayload, isCallbackPayload } from '../../facades/callback-payload.js'
import type { DispatchPayload } from '../../facades/stage-payload.js'
import type { StoreHarness } from './harness.js'
import { useNamespace } from './use-namespace.js'

const WORKERS = 8
const PARTS = 200
const TRIALS = 5

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
  })
}
