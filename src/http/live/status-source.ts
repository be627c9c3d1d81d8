import { validateId } from '../../domain/ids.js'
import type { StatusSnapshot } from '../../domain/status-snapshot.js'
import type { Ledger } from '../../ledger.js'
import type { LiveSource } from './live-source.js'

/** What the status pages show of a snapshot, and what the live `status:<id>` key carries. */
export interface StatusView {
  status: string
  progress: number
  total: number | null
  /** progress / total as 0..1 (1 once completed). */
  ratio: number
  /** What the progress bar draws: value of max, max at least 1. */
  bar: { value: number; max: number }
  fields: Record<string, unknown>
  updatedAt: number
}

export function statusView(snap: StatusSnapshot): StatusView {
  const max = Math.max(1, snap.total ?? 1)
  return {
    status: snap.status,
    progress: snap.progress,
    total: snap.total,
    ratio: snap.ratio,
    bar: { value: Math.round(snap.ratio * max), max },
    fields: { ...snap.fields },
    updatedAt: snap.updatedAt.getTime(),
  }
}

/** `status:<id>`: a status as the pages show it; null once expired. */
export function statusLiveSource(ledger: Ledger): LiveSource {
  return {
    name: 'status',
    validate: (id) => void validateId(id, 'status id'),
    read: (ids) =>
      Promise.all(
        ids.map(async (id) => {
          const snap = await ledger.getStatus(id)
          return snap && statusView(snap)
        }),
      ),
  }
}
