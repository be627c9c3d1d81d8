import type { JobRecord } from '../store/job-store.js'

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
  finishedAt: number | null
}

export function jobState(record: JobRecord): JobState {
  if (record.finished) return 'finished'
  if (record.stopped) return 'stopped'
  return record.closed ? 'closed' : 'open'
}

export function summarizeJob(token: string, record: JobRecord): JobSummary {
  return {
    token,
    state: jobState(record),
    total: record.total,
    open: record.open,
    succeeded: record.succeeded,
    failed: record.failed,
    outcome: record.finished ? (record.failed > 0 ? 'failed' : 'succeeded') : null,
    stopReason: record.stopReason,
    createdAt: record.createdAt,
    finishedAt: record.finishedAt,
  }
}
