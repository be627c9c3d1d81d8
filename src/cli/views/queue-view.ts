import type { Ledger, QueueCounts } from '../../index.js'
import { formatProgress } from '../format.js'
import type { Section } from '../output.js'
import { type Ending, listRowOf, type UnitView, type UnitViewer } from './unit-view.js'

function doneOf(counts: QueueCounts): { done: number; total: number } {
  const done = counts.finished + counts.failed
  return { done, total: done + counts.waiting + counts.running }
}

function stateOf(counts: QueueCounts): string {
  if (counts.running > 0) return 'running'
  return counts.waiting > 0 ? 'waiting' : 'drained'
}

/** A queue "ends" for watch once it is drained: nothing waiting or running. */
function endingOf(counts: QueueCounts): Ending | null {
  if (counts.waiting + counts.running > 0) return null
  return counts.failed > 0 ? 'failed' : 'succeeded'
}

function countsText(counts: QueueCounts): string {
  return `${counts.waiting} waiting, ${counts.running} running, ${counts.finished} finished, ${counts.failed} failed`
}

/** Tracked queues: progress is items finished or failed out of all retained items. */
export const queueViewer: UnitViewer = {
  kind: 'queue',

  async read(ledger: Ledger, id: string): Promise<UnitView | null> {
    const summary = await ledger.queue(id).summary()
    if (!summary) return null
    const { counts } = summary
    const { done, total } = doneOf(counts)
    return {
      kind: 'queue',
      id,
      json: counts,
      state: stateOf(counts),
      done,
      total,
      ending: endingOf(counts),
      counts: countsText(counts),
      details: [
        ['queue', id],
        ['state', stateOf(counts)],
        ['waiting', String(counts.waiting)],
        ['running', String(counts.running)],
        ['finished', String(counts.finished)],
        ['failed', String(counts.failed)],
      ],
    }
  },

  async sections(ledger: Ledger, id: string): Promise<Section[]> {
    const { items } = await ledger.queue(id).list('failed', { limit: 20 })
    if (items.length === 0) return []
    return [
      {
        title: `failed items (newest ${items.length})`,
        headers: ['id', 'attempts', 'errors'],
        rows: items.map((item) => [item.id, String(item.attempts), JSON.stringify(item.errors)]),
      },
    ]
  },

  listRow: listRowOf('queue', ({ summary }) => {
    const { done, total } = doneOf(summary)
    return { state: stateOf(summary), progress: formatProgress(done, total) }
  }),
}
