import { describe, expect, it } from 'vitest'
import { queueItemStatusId } from '../../domain/unit-ref.js'
import type { StoreHarness } from './harness.js'
import { useNamespace } from './use-namespace.js'

/** A status names the unit it reports on, written by the write that creates it and kept. */
export function statusSubjectConformance(harness: StoreHarness): void {
  describe('status subject', () => {
    const ns = useNamespace(harness)

    it('keeps the subject its creating write named, whatever later handles say', async () => {
      const queue = ns.ledger.queue('imports')
      await queue.createAndPush({ file: 'a.csv' })
      const item = await queue.tryPopAndStart()
      const subject = { kind: 'queue-item' as const, queue: 'imports', id: item!.id }
      const id = queueItemStatusId(item!)
      expect(id).toBe(`imports:${item!.id}`)
      await ns.ledger.status(id, { subject }).update({ status: 'working' })
      const other = { kind: 'job' as const, id: 'j' }
      await ns.another().status(id, { subject: other }).update({ step: 'B' })
      const snap = await ns.another().getStatus(id)
      expect(snap?.subject).toEqual(subject)
      expect(snap?.toJSON()).toEqual({ status: 'working', step: 'B' })
      await ns.ledger.status('plain').update({ status: 'working' })
      expect((await ns.ledger.getStatus('plain'))?.subject).toBeNull()
    })

    it('keeps each kind of subject, and refuses a malformed one with nothing written', async () => {
      const subjects = [
        { kind: 'job', id: 'j1' },
        { kind: 'group', id: 'g1' },
        { kind: 'queue', id: 'imports' },
        { kind: 'staged-job', groupId: 'g1', id: '0' },
        { kind: 'queue-item', queue: 'imports', id: '7' },
      ] as const
      for (const [n, subject] of subjects.entries()) {
        await ns.ledger.status(`s${n}`, { subject }).update({ status: 'working' })
        expect((await ns.another().getStatus(`s${n}`))?.subject).toEqual(subject)
      }
      const bad = [null, 'job:j1', { kind: 'batch', id: '1' }, { kind: 'queue-item', id: '7' }]
      for (const subject of bad) {
        expect(() => ns.ledger.status('bad', { subject } as never)).toThrow(
          expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
        )
      }
      expect(await ns.ledger.getStatus('bad')).toBeNull()
    })
  })
}
