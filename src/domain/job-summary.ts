import { type BatchTotals, isJobFinished, type JobRecord } from './job-record.js'
import type { SignalTimes } from './signals.js'

/*
 * The distributed-job state machine:
 *
 *   open ──close()──▶ closed ──last open part settled──▶ finished
 *     │                  │                                  ▲
 *     └──────────────────┴── close() when nothing is open ──┘
 *
 *   stop() raises a flag on open or closed jobs: the job reads as `stopped` until it
 *   finishes; parts may still be settled, and the exactly-once completion rule still holds.
 *   New parts can only be pushed while the job is open.
 */
export type JobState = 'open' | 'closed' | 'finished' | 'stopped'

export type JobOutcome = 'succeeded' | 'failed'

export interface JobSummary {
  token: string
  state: JobState
  /** Parts ever pushed. */
  total: number
  /** Parts pushed and not yet settled. */
  open: number
  succeeded: number
  failed: number
  /** Once finished: 'failed' when any part failed, else 'succeeded'; null before. */
  outcome: JobOutcome | null
  stopReason: string | null
  createdAt: number
  /** When the job finished (its `settled` signal); null before. */
  finishedAt: number | null
  name: string | null
  description: string | null
  /** When its first part settled; null before. */
  startedAt: number | null
  /** When each terminal signal fired (ms since the epoch); null until it has. */
  signals: SignalTimes
  /** From creation to finishing (or to stopping, for a stopped job); null while it runs. */
  durationMs: number | null
  /** The first part that failed, with its reason; null when none has. */
  firstFailure: { part: string; reason: string } | null
  /**
   * True when the job's details (parts, batches, failures) are gone and this is the compact
   * summary kept `summaryTtlMs` after them.
   */
  compact: boolean
}

export function jobState(record: JobRecord): JobState {
  if (isJobFinished(record)) return 'finished'
  if (record.parts.stopped) return 'stopped'
  return record.parts.closed ? 'closed' : 'open'
}

export function jobOutcome(record: JobRecord): JobOutcome | null {
  if (!isJobFinished(record)) return null
  return record.parts.failed > 0 ? 'failed' : 'succeeded'
}

/** From creation to the settled signal, else to the stopped one; null while neither fired. */
export function jobDurationMs(record: JobRecord): number | null {
  const end = record.parts.signals.settled ?? record.parts.signals.stopped
  return end === null ? null : end - record.createdAt
}

export function summarizeJob(token: string, record: JobRecord): JobSummary {
  const { parts } = record
  return {
    token,
    state: jobState(record),
    total: parts.total,
    open: parts.open,
    succeeded: parts.succeeded,
    failed: parts.failed,
    outcome: jobOutcome(record),
    stopReason: record.stopReason,
    createdAt: record.createdAt,
    finishedAt: parts.signals.settled,
    name: record.name,
    description: record.description,
    startedAt: parts.startedAt,
    signals: { ...parts.signals },
    durationMs: jobDurationMs(record),
    firstFailure: record.firstFailure ? { ...record.firstFailure } : null,
    compact: false,
  }
}

/** The item counts of a job (BatchTotals) with its finished and stopped flags. */
export interface BatchCounts extends BatchTotals {
  finished: boolean
  stopped: boolean
}

export function batchCounts(record: JobRecord): BatchCounts {
  return {
    ...record.batches,
    finished: isJobFinished(record),
    stopped: record.parts.stopped,
  }
}
