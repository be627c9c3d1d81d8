import type { JobSummary } from '../../domain/job-summary.js'

/**
 * The state names the dashboard shows for a job, in the words users of job dashboards expect.
 * A display mapping only: the API and the live value keep the domain's `state` as it is.
 *
 *   open     → open       parts may still be pushed
 *   closed   → running    every part pushed, work in progress
 *   stopped  → stopped    the stop flag is raised; parts may still settle
 *   finished → succeeded | failed   by the job's outcome
 */
export type JobStateLabel = 'open' | 'running' | 'stopped' | 'succeeded' | 'failed'

export const JOB_STATE_LABELS: readonly JobStateLabel[] = [
  'open',
  'running',
  'stopped',
  'succeeded',
  'failed',
]

export function jobStateLabel(job: Pick<JobSummary, 'state' | 'outcome'>): JobStateLabel {
  if (job.state === 'finished') return job.outcome === 'failed' ? 'failed' : 'succeeded'
  return job.state === 'closed' ? 'running' : job.state
}

/** What each label means, for the title shown on hover. */
export const JOB_STATE_HINTS: Record<JobStateLabel, string> = {
  open: 'Open: parts may still be pushed',
  running: 'Running: every part is pushed and work is in progress',
  stopped: 'Stopped: the stop flag is raised; parts may still settle',
  succeeded: 'Finished: every part succeeded',
  failed: 'Finished: at least one part failed',
}
