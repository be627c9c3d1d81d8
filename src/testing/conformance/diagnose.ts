import { describe, expect, it } from 'vitest'
import type { Diagnosis, FindingCode } from '../../facades/diagnose-findings.js'
import { eventually } from '../wait.js'
import type { StoreHarness } from './harness.js'
import { TestQueue } from './stages-queue.js'
import { useNamespace } from './use-namespace.js'

const codes = (diagnosis: Diagnosis): FindingCode[] => diagnosis.findings.map((f) => f.code)

/** ledger.diagnose: each finding, and a healthy unit that has none. */
export function diagnoseConformance(harness: StoreHarness): void {
  describe('diagnose', () => {
    const ns = useNamespace(harness, { manualClock: true })

    it('finds an unclosed job with open parts, and nothing once it finished', async () => {
      const job = ns.ledger.job('j1', { ttlMs: 3_600_000 })
      await job.push('a', 'b', 'c')
      await job.done('a')
      const open = await ns.ledger.diagnose('j1')
      expect(open).toMatchObject({ id: 'j1', kind: 'job', state: 'open', healthy: false })
      expect(codes(open)).toEqual(['not_closed', 'open_parts'])
      expect(open.findings[1]).toMatchObject({ items: ['b', 'c'] })
      expect(open.findings[1]?.message).toContain('2 parts still open (b, c)')
      await job.close()
      await job.done('b')
      await job.done('c')
      expect(await ns.ledger.diagnose('j1')).toMatchObject({
        state: 'finished',
        healthy: true,
        findings: [],
      })
    })

    it('finds batches with pending items', async () => {
      const job = ns.ledger.job('j2')
      await job.addBatch(['1', '2'])
      await job.addBatch(['3'], {})
      await job.close()
      await ns.ledger.tracker({ job: 'j2', batch: 1 }).eachRecord(async () => undefined)
      const found = await ns.ledger.diagnose('j2', { kind: 'job' })
      expect(codes(found)).toEqual(['pending_batches'])
      expect(found.findings[0]?.items).toEqual(['batch 0: 2 items pending of 2'])
    })

    it('finds a stopped job with parts still open', async () => {
      const job = ns.ledger.job('j3')
      await job.push('a')
      await job.close()
      await job.stop({ reason: 'operator' })
      expect(codes(await ns.ledger.diagnose('j3'))).toEqual(['stopped_running'])
    })

    it('finds callbacks due and never confirmed', async () => {
      const failing = ns.another({
        dispatch: () => {
          throw new Error('queue down')
        },
      })
      const job = failing.job('j4')
      await job.push('a')
      await job.close()
      await job.on('settled', { name: 'report' })
      await job.done('a')
      const found = await ns.ledger.diagnose('j4')
      expect(found).toMatchObject({ state: 'finished', healthy: false })
      expect(codes(found)).toEqual(['callbacks_due'])
      expect(found.findings[0]?.items).toEqual(['unit|settled:report'])
    })

    it('finds a ttl about to run out', async () => {
      const job = ns.ledger.job('j5', { ttlMs: 100_000 })
      await job.push('a')
      await job.close()
      ns.clock.advance(145_000)
      expect(codes(await ns.ledger.diagnose('j5'))).toEqual(['open_parts', 'ttl_low'])
    })

    it('finds a group stage with open jobs, undispatched and pending_re_run jobs, and an unsealed group', async () => {
      const tq = new TestQueue()
      const ledger = ns.another(tq.options)
      const group = await ledger.withinGrouping('g', async (g) => {
        await g.stage(1).enqueue('A', [])
        await g.stage(1).enqueue('B', [])
      })
      const running = await ns.ledger.diagnose(group.id)
      expect(running).toMatchObject({ kind: 'group', state: 'running' })
      expect(codes(running)).toEqual(['stage_open'])
      const confirmed = async () =>
        (await ledger.store.stages.undispatched(group.id, Number.MAX_SAFE_INTEGER)).length === 0
      await eventually(confirmed, 'the dispatches were confirmed')
      ns.clock.advance(61_000)
      const [a, b] = tq.drain()
      const staged = await ledger.stagedJob(a)
      await staged
        .run(() => Promise.reject(new Error('flaky')), { willRetry: () => true })
        .catch(() => {})
      const stuck = await ns.ledger.diagnose(group.id)
      expect(codes(stuck)).toEqual(['pending_re_run'])
      void b
      let unsealed = ''
      await ledger
        .withinGrouping('h', async (g) => {
          unsealed = g.id
          const inside = await ns.ledger.diagnose(g.id)
          expect(codes(inside)).toContain('unsealed')
          throw new Error('abandon')
        })
        .catch(() => {})
      expect(unsealed).not.toBe('')
    })

    it('finds staged jobs queued and never confirmed as dispatched', async () => {
      let groupId = ''
      const ledger = ns.another({
        dispatch: (payload) => {
          if (payload.type !== 'callback') groupId = payload.groupId
          throw new Error('queue down')
        },
      })
      await ledger
        .withinGrouping('g', async (g) => {
          await g.stage(1).enqueue('A', [])
        })
        .catch(() => {})
      ns.clock.advance(61_000)
      expect(codes(await ns.ledger.diagnose(groupId))).toEqual(['stage_open', 'undispatched'])
    })

    it('finds queue items whose lease ran out', async () => {
      const queue = ns.ledger.queue('imports', { leaseMs: 1_000 })
      await queue.createAndPush({ file: 'a.csv' })
      await queue.tryPopAndStart()
      ns.clock.advance(2_000)
      const found = await ns.ledger.diagnose('imports', { kind: 'queue' })
      expect(found).toMatchObject({ kind: 'queue', healthy: false })
      expect(codes(found)).toEqual(['expired_leases'])
    })

    it('refuses an unknown id with NOT_FOUND and a bad kind with INVALID_ARGUMENT', async () => {
      await expect(ns.ledger.diagnose('nothing-here')).rejects.toMatchObject({ code: 'NOT_FOUND' })
      await expect(ns.ledger.diagnose('x', { kind: 'status' as 'job' })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      })
    })
  })
}
