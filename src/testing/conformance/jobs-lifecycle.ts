import { describe, expect, it } from 'vitest'
import { eventually } from '../wait.js'
import type { StoreHarness } from './harness.js'
import { useNamespace } from './use-namespace.js'

/** Stop, summary states and timestamps, TTL refresh and expiry. */
export function jobLifecycleConformance(harness: StoreHarness): void {
  describe('distributed job lifecycle', () => {
    const ns = useNamespace(harness)

    it('moves open -> closed -> finished with timestamps and outcome', async () => {
      const before = Date.now()
      const job = ns.ledger.job()
      await job.push('a')
      expect(await job.summary()).toMatchObject({
        token: job.token,
        state: 'open',
        outcome: null,
        finishedAt: null,
      })
      await job.close()
      expect((await job.summary())?.state).toBe('closed')
      await job.done('a')
      const summary = await job.summary()
      expect(summary).toMatchObject({
        state: 'finished',
        total: 1,
        open: 0,
        succeeded: 1,
        failed: 0,
        outcome: 'succeeded',
      })
      expect(summary?.createdAt).toBeGreaterThanOrEqual(before - 1000)
      expect(summary?.finishedAt).toBeGreaterThanOrEqual(
        summary?.createdAt ?? Number.POSITIVE_INFINITY,
      )
    })

    it('makes stop visible to every worker, with its reason', async () => {
      const job = ns.ledger.job()
      await job.push('a')
      const worker = ns.another().job(job.token)
      expect(await worker.isStopped()).toBe(false)
      expect(await job.stop({ reason: 'bad input file' })).toEqual({ stopped: true, found: true })
      expect(await worker.isStopped()).toBe(true)
      expect(await worker.summary()).toMatchObject({
        state: 'stopped',
        stopReason: 'bad input file',
      })
    })

    it('still settles parts of a stopped job and reports completion once', async () => {
      const job = ns.ledger.job()
      await job.push('a')
      await job.close()
      await job.stop()
      expect(await job.done('a')).toBe(true)
      expect(await job.summary()).toMatchObject({ state: 'finished', stopReason: null })
      expect(await job.isStopped()).toBe(true)
    })

    it('answers stop of a job that does not exist without an error, creating nothing', async () => {
      const job = ns.ledger.job('no-such-job')
      expect(await job.stop({ reason: 'gone' })).toEqual({ stopped: false, found: false })
      expect(await job.summary()).toBeNull()
      expect(await job.isStopped()).toBe(false)
    })

    it('lets `catch (e) { await job.stop(); throw e }` rethrow the worker error for an unknown job', async () => {
      const job = ns.ledger.job('never-pushed')
      const work = async () => {
        try {
          throw new RangeError('row 7 is bad')
        } catch (error) {
          await job.stop({ reason: error as Error })
          throw error
        }
      }
      await expect(work()).rejects.toThrow(RangeError)
      expect(await job.summary()).toBeNull()
    })

    it('keeps the first stop and its reason: a later stop, with or without a reason, changes nothing', async () => {
      const job = ns.ledger.job()
      await job.push('a')
      expect(await job.stop({ reason: 'first' })).toEqual({ stopped: true, found: true })
      const stoppedAt = (await job.summary())?.signals.stopped
      expect(await ns.another().job(job.token).stop()).toEqual({ stopped: false, found: true })
      expect(await job.stop({ reason: 'second' })).toEqual({ stopped: false, found: true })
      expect(await job.summary()).toMatchObject({
        state: 'stopped',
        stopReason: 'first',
        signals: { stopped: stoppedAt },
      })
    })

    it('reads as empty after expiry, and done then recreates nothing', async () => {
      const job = ns.ledger.job(undefined, { ttl: 0.05 })
      await job.push('a')
      await job.close()
      await eventually(async () => (await job.summary()) === null, 'the job expires')
      expect(await job.count()).toBe(0)
      expect(await job.done('a')).toBe(false)
      expect(await job.summary()).toBeNull()
      expect(await job.expiresIn()).toBeNull()
    })
  })
}
