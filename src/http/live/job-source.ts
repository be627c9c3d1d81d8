import type { JobSummary } from '../../domain/job-summary.js'
import type { Ledger } from '../../ledger.js'
import { jobStateLabel } from '../pages/state-labels.js'
import { type Eta, ratesOf } from './eta.js'
import type { LiveSource } from './live-source.js'

/**
 * `job:<token>`: the job's summary plus `done` (parts settled), `label` (the state as the
 * pages name it), `eta` (time left at the recent rate, null without one) and `report` (item
 * counts of its batches, zeros without batches), as the pages show it.
 */
export function jobLiveSource(ledger: Ledger): LiveSource {
  return {
    name: 'job',
    validate: (token) => void ledger.job(token),
    read: (tokens) =>
      Promise.all(
        tokens.map(async (token) => {
          const job = ledger.job(token)
          const [summary, report] = await Promise.all([job.summary(), job.report()])
          return summary && { ...jobView(ledger, summary), report }
        }),
      ),
  }
}

export interface JobView extends JobSummary {
  done: number
  label: string
  eta: Eta | null
}

/** The summary with what the pages add to it; records the job's progress for its ETA. */
export function jobView(ledger: Ledger, summary: JobSummary): JobView {
  const done = summary.succeeded + summary.failed
  const eta = ratesOf(ledger).eta(`job:${summary.token}`, ledger.now(), {
    done,
    total: summary.total,
    startedAt: summary.createdAt,
    ended: summary.state === 'finished',
  })
  return { ...summary, done, label: jobStateLabel(summary), eta }
}
