import type { BatchTotals, JobRecord } from './job-record.js'
import type { FiredSignal } from './job-results.js'
import {
  type BatchCounts,
  type JobOutcome,
  type JobState,
  type JobSummary,
  summarizeJob,
} from './job-summary.js'
import type { SignalTimes } from './signals.js'

/*
 * The compact summary of a job: written by the write that settles the job or stops it (a
 * stopped job's counts are those at its stop until it settles), kept `summaryTtlMs` after the job's details expire, and read by
 * `job.summary()` once they are gone. Its size is bounded whatever the job's size: counts,
 * times, the names (≤ 256 and ≤ 1,024 characters) and two reasons (≤ 4,096 each).
 */
export interface CompactJobSummary {
  kind: 'job'
  id: string
  name: string | null
  description: string | null
  state: JobState
  signals: SignalTimes
  startedAt: number | null
  createdAt: number
  counts: { total: number; open: number; succeeded: number; failed: number } & BatchTotals
  outcome: JobOutcome | null
  durationMs: number | null
  stopReason: string | null
  firstFailure: { part: string; reason: string } | null
}

/** True when this write fired the job's settled or stopped signal: it stores the summary. */
export function firesCompactSummary(write: { fired: readonly FiredSignal[] }): boolean {
  return write.fired.some(
    (fired) => fired.scope === '' && (fired.signal === 'settled' || fired.signal === 'stopped'),
  )
}

export function compactSummaryOf(id: string, record: JobRecord): CompactJobSummary {
  const full = summarizeJob(id, record)
  const { total, open, succeeded, failed } = full
  return {
    kind: 'job',
    id,
    name: full.name,
    description: full.description,
    state: full.state,
    signals: full.signals,
    startedAt: full.startedAt,
    createdAt: full.createdAt,
    counts: { total, open, succeeded, failed, ...record.batches },
    outcome: full.outcome,
    durationMs: full.durationMs,
    stopReason: full.stopReason,
    firstFailure: full.firstFailure,
  }
}

/** The summary a job's compact record stands for, marked compact. */
export function summaryFromCompact(compact: CompactJobSummary): JobSummary {
  const { total, open, succeeded, failed } = compact.counts
  return {
    token: compact.id,
    state: compact.state,
    total,
    open,
    succeeded,
    failed,
    outcome: compact.outcome,
    stopReason: compact.stopReason,
    createdAt: compact.createdAt,
    finishedAt: compact.signals.settled,
    name: compact.name,
    description: compact.description,
    startedAt: compact.startedAt,
    signals: { ...compact.signals },
    durationMs: compact.durationMs,
    firstFailure: compact.firstFailure,
    compact: true,
  }
}

/** The item counts a compact summary kept. */
export function countsFromCompact(compact: CompactJobSummary): BatchCounts {
  const { items, processed, skipped, errored, missing, batches, batchesDone } = compact.counts
  return {
    items,
    processed,
    skipped,
    errored,
    missing,
    batches,
    batchesDone,
    finished: compact.signals.settled !== null,
    stopped: compact.signals.stopped !== null,
  }
}
