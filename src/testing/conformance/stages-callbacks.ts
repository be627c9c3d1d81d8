import { describe, expect, it } from 'vitest'
import { validateCallbacks } from '../../domain/callback-specs.js'
import type { Ledger } from '../../ledger.js'
import type { StoreHarness } from './harness.js'
import { useNamespace } from './use-namespace.js'

const HOUR = 3_600_000
const NO_JOB = { argsJson: '[]', delayMs: null, runAt: null }

async function twoStages(ledger: Ledger, id: string, keepCompletedMs = HOUR) {
  const stages = ledger.store.stages
  const policy = { ttlMs: HOUR, keepCompletedMs, summaryTtlMs: 24 * HOUR }
  await stages.createGroup({ id, name: null, description: id, policy }, `${id}:create`)
  await stages.enqueueStagedJob(id, 1, { name: 'A', ...NO_JOB }, `${id}:a`)
  await stages.enqueueStagedJob(id, 2, { name: 'B', ...NO_JOB }, `${id}:b`)
  return stages
}

/** Durable callbacks of groups and stages, through the store port the callback API uses. */
export function stagesCallbacksConformance(harness: StoreHarness): void {
  describe('stages callbacks and outbox', () => {
    const ns = useNamespace(harness, { manualClock: true })

    it('copies the callbacks of a signal into the outbox in the write that fires it, and says so', async () => {
      const stages = await twoStages(ns.ledger, 'g1', 0)
      const report = validateCallbacks([{ name: 'report', args: ['g1', { rows: 3 }] }])
      await stages.registerCallbacks('g1', '', 'settled', report, 'r1')
      await stages.registerCallbacks(
        'g1',
        'stage:1',
        'succeeded',
        validateCallbacks({ name: 'next' }),
        'r2',
      )
      await stages.initiate('g1', null, 'init')
      await stages.startStagedJob('g1', '0', 'start-a', null)
      const first = await stages.finishStagedJob('g1', '0', 'successful', 'finish-a', null)
      expect(first.fired).toEqual([
        { scope: 'stage:1', signal: 'settled', due: false },
        { scope: 'stage:1', signal: 'succeeded', due: true },
      ])
      const firedAt = ns.clock.now()
      expect(await stages.readOutbox('g1', null)).toEqual([
        {
          scope: 'stage:1',
          signal: 'succeeded',
          dueAt: firedAt,
          callbacks: [{ name: 'next', args: [] }],
        },
      ])
      ns.clock.advance(1_000)
      await stages.startStagedJob('g1', '1', 'start-b', null)
      const last = await stages.finishStagedJob('g1', '1', 'successful', 'finish-b', null)
      expect(last.fired.filter((f) => f.due)).toEqual([{ scope: '', signal: 'settled', due: true }])
      expect(await stages.readStages('g1')).toEqual([])
      const due = await stages.readOutbox('g1', null)
      expect(due.map((entry) => [entry.scope, entry.signal, entry.dueAt])).toEqual([
        ['stage:1', 'succeeded', firedAt],
        ['', 'settled', firedAt + 1_000],
      ])
      expect(due[1]!.callbacks).toEqual([{ name: 'report', args: ['g1', { rows: 3 }] }])
      expect(await stages.readOutbox('g1', firedAt + 1)).toHaveLength(1)
      await stages.confirmOutbox('g1', 'stage:1', 'succeeded', 'confirm-1')
      await stages.confirmOutbox('g1', 'stage:1', 'succeeded', 'confirm-1')
      expect((await stages.readOutbox('g1', null)).map((entry) => entry.signal)).toEqual([
        'settled',
      ])
      ns.clock.advance(25 * HOUR)
      expect(await stages.readOutbox('g1', null)).toEqual([])
    })

    it('replaces a callback registered again by name and takes callbacks on a stage with no jobs', async () => {
      const stages = await twoStages(ns.ledger, 'g2')
      await stages.addStage('g2', 5, 'add-5')
      await stages.registerCallbacks(
        'g2',
        'stage:5',
        'settled',
        validateCallbacks([{ name: 'x', args: [1] }]),
        'r1',
      )
      await stages.registerCallbacks(
        'g2',
        'stage:5',
        'settled',
        validateCallbacks([{ name: 'x', args: [2] }, { name: 'y' }]),
        'r2',
      )
      await stages.registerCallbacks(
        'g2',
        '',
        'stopped',
        validateCallbacks({ name: 'stopped' }),
        'r3',
      )
      await stages.initiate('g2', 5, 'init-5')
      const due = await stages.readOutbox('g2', null)
      expect(due.map((entry) => [entry.scope, entry.signal, entry.callbacks])).toEqual([
        [
          'stage:5',
          'settled',
          [
            { name: 'x', args: [2] },
            { name: 'y', args: [] },
          ],
        ],
      ])
      const cancelled = await stages.cancelGroup('g2', 'enough', 'cancel')
      expect(cancelled.fired).toEqual([
        { scope: 'stage:1', signal: 'stopped', due: false },
        { scope: '', signal: 'stopped', due: true },
      ])
      expect((await stages.readOutbox('g2', null)).map((entry) => entry.signal)).toEqual([
        'settled',
        'stopped',
      ])
    })

    it('refuses registrations past their signal or malformed, writing nothing', async () => {
      const stages = await twoStages(ns.ledger, 'g3')
      await stages.initiate('g3', null, 'init')
      await stages.startStagedJob('g3', '0', 's', null)
      await stages.finishStagedJob('g3', '0', 'failed', 'f', null)
      ns.clock.advance(HOUR)
      const before = JSON.stringify([await stages.readGroup('g3'), await stages.readStages('g3')])
      const one = validateCallbacks({ name: 'late' })
      for (const [scope, signal] of [
        ['stage:1', 'settled'],
        ['stage:1', 'succeeded'],
        ['', 'failed'],
        ['', 'succeeded'],
      ] as const) {
        await expect(
          stages.registerCallbacks('g3', scope, signal, one, 'late'),
        ).rejects.toMatchObject({
          code: 'INVALID_TRANSITION',
        })
      }
      await expect(
        stages.registerCallbacks('g3', 'stage:9', 'settled', one, 'x'),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' })
      for (const scope of ['stage:x', 'batch:1', 'stage:01']) {
        await expect(
          stages.registerCallbacks('g3', scope, 'settled', one, 'x'),
        ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
      }
      expect(JSON.stringify([await stages.readGroup('g3'), await stages.readStages('g3')])).toBe(
        before,
      )
      const many = Array.from({ length: 16 }, (_, i) => ({ name: `n${i}` }))
      await stages.registerCallbacks('g3', 'stage:2', 'settled', validateCallbacks(many), 'm1')
      const more = Array.from({ length: 16 }, (_, i) => ({ name: `m${i}` }))
      await stages.registerCallbacks('g3', 'stage:2', 'settled', validateCallbacks(more), 'm2')
      const full = JSON.stringify([await stages.readGroup('g3'), await stages.readStages('g3')])
      await expect(
        stages.registerCallbacks(
          'g3',
          'stage:2',
          'settled',
          validateCallbacks({ name: 'one-more' }),
          'm3',
        ),
      ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
      expect(JSON.stringify([await stages.readGroup('g3'), await stages.readStages('g3')])).toBe(
        full,
      )
      for (const bad of [
        [],
        { args: [] },
        { name: 'x', args: [new Date()] },
        { name: 'x', args: ['y'.repeat(20_000)] },
        { name: 'x', extra: 1 },
      ]) {
        expect(() => validateCallbacks(bad)).toThrow(
          expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
        )
      }
    })
  })
}
