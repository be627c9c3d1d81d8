import { type CompactJobSummary, countsFromCompact } from './job-compact.js'
import { isJobFinished, type JobRecord } from './job-record.js'
import { type BatchCounts, jobState } from './job-summary.js'
import type { StatusValues } from './status-record.js'
import { StatusSnapshot } from './status-snapshot.js'

/** Items of a job's batches, when its parts carry items. */
export interface ItemCounts {
  processed: number
  total: number
}

/**
 * A distributed job's status, derived from its record with no write of its own: queued until
 * a part is settled, working until it finishes, then completed (or failed when a part failed).
 * Progress is parts settled / parts pushed; when `items` is given (batches with items), it is
 * items processed / items total instead. Fields carry the job's state and part counts.
 */
export function jobStatusSnapshot(
  token: string,
  job: JobRecord,
  items: ItemCounts | null,
): StatusSnapshot {
  const { parts } = job
  const settled = parts.succeeded + parts.failed
  const finishedAt = parts.signals.settled
  const record: StatusValues = {
    state: jobStatusState(job, settled),
    progress: items ? items.processed : settled,
    total: items ? items.total : parts.total,
    fields: {
      state: JSON.stringify(jobState(job)),
      open: String(parts.open),
      succeeded: String(parts.succeeded),
      failed: String(parts.failed),
    },
    queuedAt: job.createdAt,
    startedAt: parts.startedAt,
    finishedAt,
    createdAt: job.createdAt,
    updatedAt: finishedAt ?? job.createdAt,
    rev: parts.total + settled + (parts.closed ? 1 : 0) + (parts.stopped ? 1 : 0),
    subject: { kind: 'job', id: token },
  }
  return new StatusSnapshot(token, record)
}

function jobStatusState(job: JobRecord, settled: number): StatusValues['state'] {
  if (isJobFinished(job)) return job.parts.failed > 0 ? 'failed' : 'completed'
  return settled > 0 ? 'working' : 'queued'
}

/** Items with an outcome (processed, skipped, errored or missing) of items added; null without items. */
export function itemProgress(counts: BatchCounts | null): ItemCounts | null {
  if (!counts || counts.items === 0) return null
  const { processed, skipped, errored, missing } = counts
  return { processed: processed + skipped + errored + missing, total: counts.items }
}

/**
 * The status of a job whose details expired, from its compact summary: the same state,
 * progress and counts, with the field `compact: 'true'`.
 */
export function compactJobStatusSnapshot(compact: CompactJobSummary): StatusSnapshot {
  const { counts, signals } = compact
  const settled = counts.succeeded + counts.failed
  const items = itemProgress(countsFromCompact(compact))
  const record: StatusValues = {
    state: compactStatusState(compact, settled),
    progress: items ? items.processed : settled,
    total: items ? items.total : counts.total,
    fields: {
      state: JSON.stringify(compact.state),
      open: String(counts.open),
      succeeded: String(counts.succeeded),
      failed: String(counts.failed),
      compact: 'true',
    },
    queuedAt: compact.createdAt,
    startedAt: compact.startedAt,
    finishedAt: signals.settled,
    createdAt: compact.createdAt,
    updatedAt: signals.settled ?? signals.stopped ?? compact.createdAt,
    rev: counts.total + settled + 1 + (signals.stopped === null ? 0 : 1),
    subject: { kind: 'job', id: compact.id },
  }
  return new StatusSnapshot(compact.id, record)
}

function compactStatusState(compact: CompactJobSummary, settled: number): StatusValues['state'] {
  if (compact.signals.settled !== null) return compact.counts.failed > 0 ? 'failed' : 'completed'
  return settled > 0 ? 'working' : 'queued'
}
