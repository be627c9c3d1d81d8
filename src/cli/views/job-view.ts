import type { JobSummary, Ledger } from '../../index.js'
import { formatProgress, formatTime } from '../format.js'
import type { Section } from '../output.js'
import { type Ending, listRowOf, type UnitView, type UnitViewer } from './unit-view.js'

function endingOf(summary: JobSummary): Ending | null {
  if (summary.outcome !== null) return summary.outcome
  return summary.state === 'stopped' ? 'stopped' : null
}

function settled(summary: JobSummary): number {
  return summary.succeeded + summary.failed
}

function viewOf(summary: JobSummary, now: number): UnitView {
  return {
    kind: 'job',
    id: summary.token,
    json: summary,
    state: summary.state,
    done: settled(summary),
    total: summary.total,
    ending: endingOf(summary),
    counts: `${summary.succeeded} ok, ${summary.failed} failed, ${summary.open} open`,
    details: [
      ['job', summary.token],
      ['state', summary.state],
      ['outcome', summary.outcome ?? '-'],
      ['parts', `${formatProgress(settled(summary), summary.total)} settled`],
      ['succeeded', String(summary.succeeded)],
      ['failed', String(summary.failed)],
      ['open', String(summary.open)],
      ['stop reason', summary.stopReason ?? '-'],
      ['created', formatTime(summary.createdAt, now)],
      ['finished', formatTime(summary.finishedAt, now)],
    ],
  }
}

/** Distributed jobs: progress is parts settled out of parts pushed. */
export const jobViewer: UnitViewer = {
  kind: 'job',

  async read(ledger: Ledger, id: string): Promise<UnitView | null> {
    const summary = await ledger.job(id).summary()
    return summary ? viewOf(summary, Date.now()) : null
  },

  async sections(ledger: Ledger, id: string): Promise<Section[]> {
    const failures = await ledger.job(id).failures()
    if (failures.length === 0) return []
    return [
      {
        title: `failed parts (${failures.length})`,
        headers: ['part', 'reason'],
        rows: failures.map((failure) => [failure.part, failure.reason]),
      },
    ]
  },

  listRow: listRowOf('job', ({ summary }) => ({
    state: summary.outcome ? `${summary.state} (${summary.outcome})` : summary.state,
    progress: formatProgress(settled(summary), summary.total),
  })),
}
