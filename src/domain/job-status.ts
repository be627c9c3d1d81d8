import type { BatchCounts } from '../store/batch-store.js'
import type { JobRecord } from '../store/job-store.js'
import type { StatusRecord } from '../store/status-store.js'
import { jobState } from './job-summary.js'
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
  const settled = job.succeeded + job.failed
  const record: StatusRecord = {
    state: jobStatusState(job, settled),
    progress: items ? items.processed : settled,
    total: items ? items.total : job.total,
    fields: {
      state: JSON.stringify(jobState(job)),
      open: String(job.open),
      succeeded: String(job.succeeded),
      failed: String(job.failed),
    },
    queuedAt: job.createdAt,
    startedAt: null,
    finishedAt: job.finishedAt,
    createdAt: job.createdAt,
    updatedAt: job.finishedAt ?? job.createdAt,
    rev: job.total + settled + (job.closed ? 1 : 0) + (job.stopped ? 1 : 0),
  }
  return new StatusSnapshot(token, record)
}

function jobStatusState(job: JobRecord, settled: number): StatusRecord['state'] {
  if (job.finished) return job.failed > 0 ? 'failed' : 'completed'
  return settled > 0 ? 'working' : 'queued'
}

/** Items with an outcome (processed, skipped, errored or missing) of items added; null without items. */
export function itemProgress(counts: BatchCounts | null): ItemCounts | null {
  if (!counts || counts.items === 0) return null
  const { processed, skipped, errored, missing } = counts
  return { processed: processed + skipped + errored + missing, total: counts.items }
}
