import { describeUnitRef, type Ledger, type StatusSnapshot } from '../../index.js'
import { formatProgress, formatTime } from '../format.js'
import type { Section } from '../output.js'
import { type Ending, listRowOf, type UnitView, type UnitViewer } from './unit-view.js'

const ENDINGS: Partial<Record<StatusSnapshot['status'], Ending>> = {
  completed: 'succeeded',
  failed: 'failed',
}

function progressOf(snap: { progress: number; total: number | null }): string {
  return snap.total === null ? String(snap.progress) : formatProgress(snap.progress, snap.total)
}

function timeOf(date: Date | null, now: number): string {
  return formatTime(date === null ? null : date.getTime(), now)
}

function viewOf(snap: StatusSnapshot, now: number): UnitView {
  const fieldCount = Object.keys(snap.fields).length
  return {
    kind: 'status',
    id: snap.id,
    json: snap.toJSON(),
    state: snap.status,
    done: snap.progress,
    total: snap.total ?? 0,
    ending: ENDINGS[snap.status] ?? null,
    counts: `${snap.status}, ${fieldCount} field${fieldCount === 1 ? '' : 's'}`,
    details: [
      ['status', snap.id],
      ['state', snap.status],
      ['progress', progressOf(snap)],
      ['queued', timeOf(snap.queuedAt, now)],
      ['started', timeOf(snap.startedAt, now)],
      ['finished', timeOf(snap.finishedAt, now)],
      ['updated', timeOf(snap.updatedAt, now)],
      ...(snap.subject ? [['reports on', describeUnitRef(snap.subject)] as [string, string]] : []),
    ],
  }
}

/** Job statuses (ledger.status / track): progress out of total, custom fields. */
export const statusViewer: UnitViewer = {
  kind: 'status',

  async read(ledger: Ledger, id: string): Promise<UnitView | null> {
    const snap = await ledger.getStatus(id)
    return snap ? viewOf(snap, Date.now()) : null
  },

  async sections(ledger: Ledger, id: string): Promise<Section[]> {
    const snap = await ledger.getStatus(id)
    const fields = Object.entries(snap?.fields ?? {})
    if (fields.length === 0) return []
    return [
      {
        title: `fields (${fields.length})`,
        headers: ['field', 'value'],
        rows: fields.map(([name, value]) => [name, JSON.stringify(value)]),
      },
    ]
  },

  listRow: listRowOf('status', ({ summary }) => {
    const total = typeof summary.total === 'number' ? summary.total : null
    return {
      state: summary.status,
      progress: progressOf({ progress: summary.progress ?? 0, total }),
    }
  }),
}
