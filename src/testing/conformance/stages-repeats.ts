import { describe, expect, it } from 'vitest'
import { StoreUnavailableError } from '../../errors/jobledger-error.js'
import type { Ledger } from '../../ledger.js'
import type { StageStore } from '../../store/stage-store.js'
import type { StoreHarness } from './harness.js'
import { TestQueue, work } from './stages-queue.js'
import { useNamespace } from './use-namespace.js'

const POLICY = { ttlMs: 3_600_000, keepCompletedMs: 0, summaryTtlMs: 86_400_000 }
const NO_JOB = { delayMs: null, runAt: null }

/** A group with stage 1 (jobs A, B) and stage 2 (job C), created through the store port. */
async function storeGroup(ledger: Ledger, id: string) {
  const stages = ledger.store.stages
  await stages.createGroup({ id, name: null, description: id, policy: POLICY }, `${id}-create`)
  for (const [n, name] of [
    [1, 'A'],
    [1, 'B'],
    [2, 'C'],
  ] as const) {
    await stages.enqueueStagedJob(id, n, { name, argsJson: '[]', ...NO_JOB }, `${id}-${name}`)
  }
  return stages
}

/** Makes the next call of `method` apply and then lose its reply, as a dropped connection would. */
export function loseNextReply(
  stages: StageStore,
  method: 'startStagedJob' | 'finishStagedJob' | 'enqueueStagedJob',
): void {
  const real = stages[method].bind(stages) as (...args: unknown[]) => Promise<unknown>
  const patched = stages as unknown as Record<string, unknown>
  patched[method] = async (...args: unknown[]) => {
    await real(...args)
    delete patched[method]
    throw new StoreUnavailableError('the reply was lost')
  }
}

/** Writes repeated with their operation id get their first answer and apply once. */
export function stagesRepeatsConformance(harness: StoreHarness): void {
  describe('stages repeated operations', () => {
    const ns = useNamespace(harness)

    it('answers a repeated enqueue with the job it made, enqueuing nothing', async () => {
      const queue = new TestQueue()
      const ledger = ns.another(queue.options)
      const group = await ledger.withinGrouping('repeat', async (g) => {
        const first = await g.stage(1).enqueue('A', [1], { opId: 'enqueue-a' })
        expect(await g.stage(1).enqueue('A', [1], { opId: 'enqueue-a' })).toEqual(first)
      })
      expect(await group.stage(1).numJobs()).toBe(1)
      const late = await group.stage(1).enqueue('B', [], { opId: 'enqueue-b' })
      const again = await group.stage(1).enqueue('B', [], { opId: 'enqueue-b' })
      expect(again).toMatchObject({ id: late.id, status: 'queued' })
      expect(queue.names()).toEqual(['A:[1]', 'B:[]'])
      expect((await group.record()).counts).toMatchObject({ queued: 2, pending: 0 })
    })

    it('answers a repeated start, message and finish with their first answers', async () => {
      const ledger = ns.another()
      const stages = await storeGroup(ledger, 'g-repeat')
      await stages.initiate('g-repeat', null, 'init')
      const started = await stages.startStagedJob('g-repeat', '0', 'start-a', null)
      expect(await stages.startStagedJob('g-repeat', '0', 'start-a', null)).toEqual(started)
      await stages.setStatusMessage('g-repeat', '0', 'one', 'message-1')
      await stages.setStatusMessage('g-repeat', '0', 'two', 'message-2')
      await stages.setStatusMessage('g-repeat', '0', 'two', 'message-2')
      expect(await stages.readStagedJob('g-repeat', '0')).toMatchObject({
        status: 'running',
        attempts: 1,
        statusMessage: 'two',
      })
      await stages.startStagedJob('g-repeat', '1', 'start-b', null)
      await stages.finishStagedJob('g-repeat', '1', 'successful', 'finish-b', null)
      const last = await stages.finishStagedJob('g-repeat', '0', 'successful', 'finish-a', null)
      expect(last.dispatch.map((job) => job.name)).toEqual(['C'])
      const repeated = await stages.finishStagedJob('g-repeat', '0', 'successful', 'finish-a', null)
      expect(repeated).toEqual({ ...last, fired: [] })
      expect((await stages.readGroup('g-repeat'))!.counts).toMatchObject({
        successful: 2,
        queued: 1,
      })
      for (const duplicate of [
        () => stages.finishStagedJob('g-repeat', '0', 'successful', 'finish-again', null),
        () => stages.startStagedJob('g-repeat', '0', 'start-again', null),
      ]) {
        await expect(duplicate()).rejects.toMatchObject({ code: 'INVALID_TRANSITION' })
      }
    })

    it('answers a repeated initiate with the jobs it queued that are still undispatched', async () => {
      const ledger = ns.another()
      const stages = await storeGroup(ledger, 'g-init')
      const first = await stages.initiate('g-init', null, 'init', { seal: true })
      expect(first.dispatch.map((job) => job.id)).toEqual(['0', '1'])
      await stages.confirmDispatch('g-init', ['0'], 'confirm-0')
      const again = await stages.initiate('g-init', null, 'init', { seal: true })
      expect(again).toEqual({ dispatch: [first.dispatch[1]], completed: null, fired: [] })
      expect((await stages.readGroup('g-init'))!.counts.queued).toBe(2)
    })

    it('answers a repeated finish that completed the group even once its details are gone', async () => {
      const ledger = ns.another()
      const stages = ledger.store.stages
      await stages.createGroup({ id: 'g-last', name: null, description: 'd', policy: POLICY }, 'c')
      await stages.enqueueStagedJob('g-last', 1, { name: 'A', argsJson: '[]', ...NO_JOB }, 'e')
      await stages.initiate('g-last', null, 'i')
      await stages.startStagedJob('g-last', '0', 's', null)
      const last = await stages.finishStagedJob('g-last', '0', 'failed', 'f', null)
      expect(last.completed).toMatchObject({ id: 'g-last', state: 'failed', stageCount: 1 })
      expect(await stages.readStages('g-last')).toEqual([])
      const repeated = await stages.finishStagedJob('g-last', '0', 'failed', 'f', null)
      expect(repeated).toEqual({ dispatch: [], completed: last.completed, fired: [] })
      await expect(
        stages.finishStagedJob('g-last', '0', 'failed', 'another', null),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' })
    })

    it('dispatches the next stage once when the reply of the finish that advanced it was lost', async () => {
      const queue = new TestQueue()
      const ledger = ns.another({ ...queue.options, keepCompletedMs: 60_000 })
      const group = await ledger.withinGrouping('lost', async (g) => {
        await g.stage(1).enqueue('A', [])
        await g.stage(2).enqueue('B', [])
      })
      loseNextReply(ledger.store.stages, 'finishStagedJob')
      await work(ledger, queue.drain())
      expect(queue.names()).toEqual(['B:[]'])
      loseNextReply(ledger.store.stages, 'enqueueStagedJob')
      await group.stage(2).enqueue('C', [])
      expect(queue.names()).toEqual(['B:[]', 'C:[]'])
      expect(await group.stage(2).numJobs()).toBe(2)
    })
  })
}
