import { describe, expect, it } from 'vitest'
import { isCallbackPayload } from '../../facades/callback-payload.js'
import type { DispatchPayload } from '../../facades/stage-payload.js'
import type { Logger } from '../../logger.js'
import type { StoreHarness } from './harness.js'
import { TestQueue } from './stages-queue.js'
import { useNamespace } from './use-namespace.js'

/** A logger that keeps what was said at warn level. */
function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = []
  const quiet = () => {}
  return {
    warnings,
    debug: quiet,
    info: quiet,
    error: quiet,
    warn: (_context: object, message?: string) => void warnings.push(message ?? ''),
  }
}

/**
 * A ledger without dispatch whose write fires a signal with callbacks: the write stands, the
 * callbacks stay due (it warns once), doctor names the cause, and a ledger with dispatch
 * recovers them later.
 */
export function callbackNoDispatchConformance(harness: StoreHarness): void {
  describe('durable callbacks fired by a ledger without dispatch', () => {
    const ns = useNamespace(harness, { manualClock: true })

    it('keeps them due, warns once, names them in doctor, and a ledger with dispatch recovers them', async () => {
      const delivered: string[] = []
      const dispatch = (payload: DispatchPayload) => {
        if (isCallbackPayload(payload)) delivered.push(payload.idempotencyKey)
      }
      const producer = ns.another({ dispatch })
      const logger = recordingLogger()
      const worker = ns.another({ logger })
      for (const token of ['nd1', 'nd2']) {
        const job = producer.job(token)
        await job.push('a')
        await job.close()
        await job.on('settled', { name: 'summary' })
        expect(await worker.job(token).done('a')).toBe(true)
      }
      expect(delivered).toEqual([])
      expect(logger.warnings.filter((message) => message.includes('no dispatch'))).toHaveLength(1)
      expect(await worker.store.jobs.readOutbox('nd1')).toMatchObject([
        { scope: '', signal: 'settled', callbacks: [{ name: 'summary' }] },
      ])
      const doctor = await worker.diagnose('nd1')
      expect(doctor.findings).toMatchObject([{ code: 'callbacks_due' }])
      expect(doctor.findings[0]!.message).toContain('no dispatch configured')
      const withDispatch = await producer.diagnose('nd1')
      expect(withDispatch.findings[0]!.message).not.toContain('no dispatch configured')

      ns.clock.advance(1_000)
      expect(await worker.cleaner.cleanupOrphans({ olderThanMs: 0 })).toMatchObject({
        callbacks: 0,
      })
      expect(await worker.store.jobs.readOutbox('nd1')).toHaveLength(1)
      await producer.cleaner.cleanupOrphans({ olderThanMs: 0 })
      expect(delivered.sort()).toEqual(['job:nd1:|settled:summary', 'job:nd2:|settled:summary'])
      expect(await producer.store.jobs.readOutbox('nd1')).toEqual([])
      expect((await producer.diagnose('nd1')).healthy).toBe(true)
    })

    it("keeps a group's stopped callback due when a ledger without dispatch cancels it", async () => {
      const queue = new TestQueue()
      const producer = ns.another(queue.options)
      const operator = ns.another({ logger: recordingLogger() })
      const group = await producer.withinGrouping(
        { description: 'nightly', callbacks: { stopped: { name: 'page-oncall' } } },
        (g) => g.stage(1).enqueue('A', []),
      )
      await (await operator.group(group.id)).cancel({ reason: 'bad file' })
      expect(queue.callbacks).toEqual([])
      expect(await operator.store.stages.readOutbox(group.id, null)).toHaveLength(1)
      expect((await operator.diagnose(group.id)).findings.map((f) => f.message)).toEqual(
        expect.arrayContaining([expect.stringContaining('no dispatch configured')]),
      )
      ns.clock.advance(1_000)
      await producer.cleaner.cleanupOrphans({ olderThanMs: 0 })
      expect(queue.callbacks.map((payload) => payload.name)).toEqual(['page-oncall'])
      expect(await producer.store.stages.readOutbox(group.id, null)).toEqual([])
    })
  })
}
