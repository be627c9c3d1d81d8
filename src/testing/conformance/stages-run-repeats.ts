import { describe, expect, it } from 'vitest'
import type { Ledger } from '../../ledger.js'
import type { StoreHarness } from './harness.js'
import { TestQueue } from './stages-queue.js'
import { loseNextReply } from './stages-repeats.js'
import { useNamespace } from './use-namespace.js'

/** A ledger that does not retry (the caller repeats) and a group: stage 1 (A), stage 2 (B). */
async function lossyGroup(another: (options: object) => Ledger) {
  const queue = new TestQueue()
  const ledger = another({ ...queue.options, retry: { attempts: 1 } })
  await ledger.withinGrouping('run-repeat', async (g) => {
    await g.stage(1).enqueue('A', [7])
    await g.stage(2).enqueue('B', [])
  })
  const [payload] = queue.drain()
  return { ledger, queue, staged: await ledger.stagedJob(payload!) }
}

/** The opId the STORE_UNAVAILABLE of a lost reply names. */
async function opIdOfFailure(call: Promise<unknown>): Promise<string> {
  const error = await call.then(
    () => expect.fail('the call succeeded although its reply was lost'),
    (failure: { code?: string; details?: { opId?: unknown } }) => failure,
  )
  expect(error.code).toBe('STORE_UNAVAILABLE')
  expect(typeof error.details?.opId).toBe('string')
  return error.details?.opId as string
}

/** staged.run() repeated with the opId of a run whose reply was lost. */
export function stagesRunRepeatsConformance(harness: StoreHarness): void {
  describe('stages run repeated with its opId', () => {
    const ns = useNamespace(harness)

    it('runs the function once and counts one attempt when the start reply was lost', async () => {
      const { ledger, queue, staged } = await lossyGroup((o) => ns.another(o))
      const runs: unknown[][] = []
      const work = (...args: unknown[]) => runs.push(args) && 'ran'
      loseNextReply(ledger.store.stages, 'startStagedJob')
      const opId = await opIdOfFailure(staged.run(work))
      expect(runs).toEqual([])
      expect(await staged.run(work, { opId })).toBe('ran')
      expect(runs).toEqual([[7]])
      expect(await staged.record()).toMatchObject({ status: 'successful', attempts: 1 })
      expect(queue.names()).toEqual(['B:[]'])
    })

    it('does not run the function again once the finish was applied, and dispatches the next stage once', async () => {
      const { ledger, queue, staged } = await lossyGroup((o) => ns.another(o))
      let runs = 0
      loseNextReply(ledger.store.stages, 'finishStagedJob')
      const opId = await opIdOfFailure(staged.run(() => ++runs))
      expect(await staged.run(() => ++runs, { opId })).toBeUndefined()
      expect(runs).toBe(1)
      expect(await staged.record()).toMatchObject({ status: 'successful', attempts: 1 })
      expect(queue.names()).toEqual(['B:[]'])
      await expect(staged.run(() => ++runs)).rejects.toMatchObject({ code: 'INVALID_TRANSITION' })
    })

    it('rethrows the recorded error when the finish of a failed run was applied', async () => {
      const { ledger, staged } = await lossyGroup((o) => ns.another(o))
      const fail = () => {
        throw new TypeError('row 3 is bad')
      }
      loseNextReply(ledger.store.stages, 'finishStagedJob')
      const opId = await opIdOfFailure(staged.run(fail))
      const repeat = staged.run(() => 'not run', { opId })
      await expect(repeat).rejects.toMatchObject({ name: 'TypeError', message: 'row 3 is bad' })
      expect(await staged.record()).toMatchObject({ status: 'failed', attempts: 1 })
    })

    it('refuses a bad opId before any write', async () => {
      const { staged } = await lossyGroup((o) => ns.another(o))
      await expect(staged.run(() => 1, { opId: 'not valid!' })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      })
      expect(await staged.record()).toMatchObject({ status: 'queued', attempts: 0 })
    })
  })
}
