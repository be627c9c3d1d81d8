import { validateId } from '../../domain/ids.js'
import type { StatusSnapshot } from '../../domain/status-snapshot.js'
import type { Ledger } from '../../ledger.js'
import { type Eta, ratesOf } from './eta.js'
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
  createdAt: number
  updatedAt: number
  queuedAt: number | null
  startedAt: number | null
  /** When it completed or failed; null while queued or working. */
  finishedAt: number | null
  /** Time left at the recent rate of progress; null when done or unknown. */
  eta: Eta | null
}

/** The snapshot as the pages show it; records its progress for the ETA. */
export function statusView(ledger: Ledger, snap: StatusSnapshot): StatusView {
  const max = Math.max(1, snap.total ?? 1)
  const ended = snap.status === 'completed' || snap.status === 'failed'
  const createdAt = snap.createdAt.getTime()
  const startedAt = snap.startedAt?.getTime() ?? null
  const eta = ratesOf(ledger).eta(`status:${snap.id}`, ledger.now(), {
    done: snap.progress,
    total: snap.total,
    startedAt: startedAt ?? createdAt,
    ended,
  })
  return {
    status: snap.status,
    progress: snap.progress,
    total: snap.total,
    ratio: snap.ratio,
    bar: { value: Math.round(snap.ratio * max), max },
    fields: { ...snap.fields },
    createdAt,
    updatedAt: snap.updatedAt.getTime(),
    queuedAt: snap.queuedAt?.getTime() ?? null,
    startedAt,
    finishedAt: snap.finishedAt?.getTime() ?? null,
    eta,
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
          return snap && statusView(ledger, snap)
        }),
      ),
  }
}
