import type { Ledger } from '../../ledger.js'
import type { LiveSource } from './live-source.js'

/**
 * `job:<token>`: the job's summary plus `done` (parts settled) and `report` (item counts of
 * its batches, zeros without batches), as the pages show it.
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
          return summary && { ...summary, done: summary.succeeded + summary.failed, report }
        }),
      ),
  }
}
