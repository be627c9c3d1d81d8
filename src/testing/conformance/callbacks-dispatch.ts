import { describe, expect, it } from 'vitest'
import type { CallbackPayload } from '../../facades/callback-payload.js'
import type { DispatchPayload } from '../../facades/stage-payload.js'
import type { Ledger } from '../../ledger.js'
import { eventually } from '../wait.js'
import type { StoreHarness } from './harness.js'
import { TestQueue, work } from './stages-queue.js'
import { useNamespace } from './use-namespace.js'

/** A dispatch that records callback payloads and can be told to fail. */
class Recorder {
  readonly callbacks: CallbackPayload[] = []
  failing = false
  readonly dispatch = (payload: DispatchPayload) => {
    if (payload.type !== 'callback') return
    if (this.failing) throw new Error('queue down')
    this.callbacks.push(payload)
  }

  keys(): string[] {
    return this.callbacks.map((payload) => payload.idempotencyKey)
  }
}

async function runAll(queue: TestQueue, ledger: Ledger): Promise<void> {
  for (let batch = queue.drain(); batch.length > 0; batch = queue.drain()) await work(ledger, batch)
}

async function pushedJob(ledger: Ledger, token: string, parts: number) {
  const job = ledger.job(token)
  await job.push(...Array.from({ length: parts }, (_, i) => String(i)))
  await job.close()
  return job
}

/** The public callback API: on(), dispatch and confirmation after the signalling write. */
export function callbackDispatchConformance(harness: StoreHarness): void {
  describe('durable callbacks: on, dispatch, confirm', () => {
    const ns = useNamespace(harness, { manualClock: true })

    it("dispatches a job's settled callback once, from the write that settled it, and confirms it", async () => {
      const queue = new Recorder()
      const ledger = ns.another({ dispatch: queue.dispatch })
      const job = await pushedJob(ledger, 'j1', 2)
      await job.on('settled', { name: 'import-summary', args: ['j1', { rows: 2 }] })
      await job.done('0')
      expect(queue.callbacks).toEqual([])
      ns.clock.advance(5)
      expect(await job.done('1')).toBe(true)
      expect(queue.callbacks).toEqual([
        {
          type: 'callback',
          name: 'import-summary',
          args: ['j1', { rows: 2 }],
          kind: 'job',
          id: 'j1',
          scope: '',
          signal: 'settled',
          firedAt: ns.clock.now(),
          idempotencyKey: 'job:j1:|settled:import-summary',
        },
      ])
      expect(await ledger.store.jobs.readOutbox('j1')).toEqual([])
      expect(await ledger.store.callbackIndex.size()).toBe(0)
      await job.done('1')
      ns.clock.advance(120_000)
      expect((await ledger.cleaner.cleanupOrphans()).callbacks).toBe(0)
      expect(queue.callbacks).toHaveLength(1)
    })

    it('rolls a batch up into its job: the batch callback is dispatched before the job one', async () => {
      const queue = new Recorder()
      const ledger = ns.another({ dispatch: queue.dispatch })
      const job = ledger.job('j2')
      const { index } = await job.addBatch(['a', 'b'])
      await job.close()
      await ledger.batch('j2', index).on('succeeded', { name: 'batch-done', args: [index] })
      await job.on('settled', [{ name: 'job-done' }, { name: 'mail' }])
      await ledger.tracker({ job: 'j2', batch: index }).eachRecord(async () => undefined)
      expect(queue.keys()).toEqual([
        `job:j2:batch:${index}|succeeded:batch-done`,
        'job:j2:|settled:job-done',
        'job:j2:|settled:mail',
      ])
    })

    it('rolls a stage up into its group: stage callbacks before the group one', async () => {
      const tq = new TestQueue()
      const ledger = ns.another(tq.options)
      const group = await ledger.withinGrouping('g', async (g) => {
        await g.stage(1).enqueue('A', [])
        await g.stage(1).on('succeeded', { name: 'stage-one', args: [1] })
        await g.stage(2).on('settled', { name: 'stage-two' })
        await g.on('settled', { name: 'report', args: ['nightly'] })
      })
      await runAll(tq, ledger)
      expect(tq.callbacks.map((p) => p.idempotencyKey)).toEqual([
        `group:${group.id}:stage:1|succeeded:stage-one`,
        `group:${group.id}:stage:2|settled:stage-two`,
        `group:${group.id}:|settled:report`,
      ])
      expect(tq.callbacks.at(-1)).toMatchObject({ kind: 'group', id: group.id, args: ['nightly'] })
      expect(await ledger.store.stages.readOutbox(group.id, null)).toEqual([])
    })

    it('keeps settled back while a staged job will be retried, then fires it once', async () => {
      const tq = new TestQueue()
      const ledger = ns.another(tq.options)
      const group = await ledger.withinGrouping('g', async (g) => {
        await g.stage(1).enqueue('A', [])
        await g.on('settled', { name: 'report' })
      })
      const [payload] = tq.drain()
      const staged = await ledger.stagedJob(payload)
      await expect(
        staged.run(
          () => {
            throw new Error('flaky')
          },
          { willRetry: () => true },
        ),
      ).rejects.toThrow('flaky')
      expect(tq.callbacks).toEqual([])
      await (await ledger.stagedJob(payload)).run(() => undefined)
      expect(tq.callbacks.map((p) => p.idempotencyKey)).toEqual([
        `group:${group.id}:|settled:report`,
      ])
    })

    it('fires failed and stopped callbacks of a job', async () => {
      const queue = new Recorder()
      const ledger = ns.another({ dispatch: queue.dispatch })
      const job = await pushedJob(ledger, 'j3', 2)
      await job.on('failed', { name: 'alert' })
      await job.on('stopped', { name: 'cleanup' })
      await job.on('succeeded', { name: 'never' })
      await job.fail('0', new Error('bad row'))
      await job.stop({ reason: 'operator' })
      await job.done('1')
      expect(queue.keys()).toEqual(['job:j3:|failed:alert', 'job:j3:|stopped:cleanup'])
    })

    it('refuses bad callbacks with INVALID_ARGUMENT and writes nothing', async () => {
      const queue = new Recorder()
      const ledger = ns.another({ dispatch: queue.dispatch })
      const job = ledger.job('j4')
      const bad: unknown[] = [
        () => 'not data',
        { name: 'x', args: [new Date()] },
        { name: 'x', args: [1n] },
        { name: 'x', args: ['a'.repeat(20_000)] },
        { name: '', args: [] },
        { name: 'x', args: 'nope' },
      ]
      for (const callback of bad)
        await expect(job.on('settled', callback as never)).rejects.toMatchObject({
          code: 'INVALID_ARGUMENT',
        })
      await expect(job.on('done' as never, { name: 'x' })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      })
      expect(await job.summary()).toBeNull()
      expect(await ledger.store.callbackIndex.size()).toBe(0)
      const bare = ns.another()
      await expect(bare.job('j4').on('settled', { name: 'x' })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      })
    })

    it('refuses a callback for a signal that already fired with INVALID_TRANSITION', async () => {
      const queue = new Recorder()
      const ledger = ns.another({ dispatch: queue.dispatch })
      const job = await pushedJob(ledger, 'j5', 1)
      await job.done('0')
      await expect(job.on('settled', { name: 'late' })).rejects.toMatchObject({
        code: 'INVALID_TRANSITION',
      })
      expect(await ledger.store.jobs.readCallbacks('j5', '', 'settled')).toEqual([])
      const tq = new TestQueue()
      const staging = ns.another(tq.options)
      const kept = { description: 'g', keepCompletedMs: 3_600_000 }
      const group = await staging.withinGrouping(kept, async (g) => {
        await g.stage(1).enqueue('A', [])
      })
      await runAll(tq, staging)
      await expect(group.on('settled', { name: 'late' })).rejects.toMatchObject({
        code: 'INVALID_TRANSITION',
      })
    })

    it('leaves a callback due when dispatch throws; cleanupOrphans dispatches it once it is old', async () => {
      const queue = new Recorder()
      const ledger = ns.another({ dispatch: queue.dispatch })
      const job = await pushedJob(ledger, 'j6', 1)
      await job.on('settled', { name: 'report' })
      queue.failing = true
      expect(await job.done('0')).toBe(true)
      expect(await ledger.store.jobs.readOutbox('j6')).toHaveLength(1)
      queue.failing = false
      expect((await ledger.cleaner.cleanupOrphans()).callbacks).toBe(0)
      ns.clock.advance(60_001)
      expect((await ledger.cleaner.cleanupOrphans()).callbacks).toBe(1)
      expect((await ledger.cleaner.cleanupOrphans()).callbacks).toBe(0)
      expect(queue.keys()).toEqual(['job:j6:|settled:report'])
      expect(await ledger.store.callbackIndex.size()).toBe(0)
    })

    it('recovers what a failed dispatch left due, for jobs, stages and groups', async () => {
      const tq = new TestQueue()
      const producer = ns.another(tq.options)
      const job = await pushedJob(producer, 'j7', 1)
      await job.on('succeeded', { name: 'job-cb' })
      const group = await producer.withinGrouping('g', async (g) => {
        await g.stage(1).enqueue('A', [])
        await g.stage(1).on('settled', { name: 'stage-cb' })
        await g.on('succeeded', { name: 'group-cb' })
      })
      const broken = new Recorder()
      broken.failing = true
      const worker = ns.another({ dispatch: broken.dispatch })
      await worker.job('j7').done('0')
      const [payload] = tq.drain()
      await (await worker.stagedJob(payload)).run(() => undefined)
      expect(tq.callbacks).toEqual([])
      ns.clock.advance(60_001)
      expect((await producer.cleaner.cleanupOrphans()).callbacks).toBe(3)
      expect(tq.callbacks.map((p) => p.idempotencyKey).sort()).toEqual(
        [
          'job:j7:|succeeded:job-cb',
          `group:${group.id}:stage:1|settled:stage-cb`,
          `group:${group.id}:|succeeded:group-cb`,
        ].sort(),
      )
      expect(await producer.store.callbackIndex.size()).toBe(0)
    })

    it('runs the sweeper in the background until close', async () => {
      const queue = new Recorder()
      const worker = ns.another()
      const job = await pushedJob(ns.another({ dispatch: queue.dispatch }), 'j8', 1)
      await job.on('settled', { name: 'report' })
      await worker.job('j8').done('0')
      ns.clock.advance(1)
      const sweeping = ns.another({
        dispatch: queue.dispatch,
        sweeper: { intervalMs: 100, olderThanMs: 0 },
      })
      await eventually(() => queue.callbacks.length > 0, 'the sweeper dispatched the callback')
      await sweeping.close()
      expect(queue.keys()).toEqual(['job:j8:|settled:report'])
    })
  })
}
