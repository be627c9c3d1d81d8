import type { Job, JobReport, JobSummary, Ledger } from '../../index.js'
import { formatProgress, formatTime } from '../format.js'
import type { Section } from '../output.js'
import { signalDetails } from './signal-details.js'
import { type Ending, listRowOf, type UnitView, type UnitViewer } from './unit-view.js'

/** Failed parts the job view prints; the count says how many more there are. */
const FAILURES_SHOWN = 20
/** Errored batch items the job view prints. */
const ERRORED_SHOWN = 10

function endingOf(summary: JobSummary): Ending | null {
  if (summary.outcome !== null) return summary.outcome
  return summary.state === 'stopped' ? 'stopped' : null
}

function settled(summary: JobSummary): number {
  return summary.succeeded + summary.failed
}

/** Item and batch lines for a job with batches; none for a job without. */
function batchDetails(report: JobReport | null): [string, string][] {
  if (!report || report.batches === 0) return []
  const { items, processed, skipped, errored, missing } = report
  return [
    [
      'items',
      `${items}: ${processed} processed, ${skipped} skipped, ${errored} errored, ${missing} missing`,
    ],
    ['batches', `${report.batchesDone}/${report.batches} done`],
  ]
}

function viewOf(summary: JobSummary, report: JobReport | null, now: number): UnitView {
  return {
    kind: 'job',
    id: summary.token,
    json: summary,
    state: summary.state,
    done: settled(summary),
    total: summary.total,
    ending: endingOf(summary),
    counts: `${summary.succeeded} ok, ${summary.failed} failed, ${summary.open} open`,
    details: [
      ['job', summary.token],
      ['state', summary.state],
      ['outcome', summary.outcome ?? '-'],
      ['parts', `${formatProgress(settled(summary), summary.total)} settled`],
      ['succeeded', String(summary.succeeded)],
      ['failed', String(summary.failed)],
      ['open', String(summary.open)],
      ...batchDetails(report),
      ['stop reason', summary.stopReason ?? '-'],
      ['created', formatTime(summary.createdAt, now)],
      ['finished', formatTime(summary.finishedAt, now)],
      ...signalDetails(summary, now),
    ],
  }
}

/** Distributed jobs: progress is parts settled out of parts pushed. */
export const jobViewer: UnitViewer = {
  kind: 'job',

  async read(ledger: Ledger, id: string): Promise<UnitView | null> {
    const job = ledger.job(id)
    const [summary, report] = await Promise.all([job.summary(), job.report()])
    return summary ? viewOf(summary, report, Date.now()) : null
  },

  async sections(ledger: Ledger, id: string): Promise<Section[]> {
    const job = ledger.job(id)
    return [...(await failedParts(job)), ...(await erroredItems(job))]
  },

  listRow: listRowOf('job', ({ summary }) => ({
    state: summary.outcome ? `${summary.state} (${summary.outcome})` : summary.state,
    progress: formatProgress(settled(summary), summary.total),
  })),
}

async function failedParts(job: Job): Promise<Section[]> {
  const [summary, page] = await Promise.all([
    job.summary(),
    job.failures({ limit: FAILURES_SHOWN }),
  ])
  const failures = page.failures.slice(0, FAILURES_SHOWN)
  if (failures.length === 0) return []
  const failed = Math.max(summary?.failed ?? 0, failures.length)
  const title =
    failed > failures.length
      ? `failed parts (first ${failures.length} of ${failed}; the dashboard pages through them all)`
      : `failed parts (${failed})`
  return [
    {
      title,
      headers: ['part', 'reason'],
      rows: failures.map((failure) => [failure.part, failure.reason]),
    },
  ]
}

async function erroredItems(job: Job): Promise<Section[]> {
  const report = await job.report()
  if (!report || report.errored === 0) return []
  const { entries } = await job.outcomes('errored', { limit: ERRORED_SHOWN })
  const title =
    report.errored > entries.length
      ? `errored items (first ${entries.length} of ${report.errored})`
      : `errored items (${report.errored})`
  return [
    {
      title,
      headers: ['batch', 'item', 'message'],
      rows: entries.map((entry) => [String(entry.batch), entry.id, entry.message ?? '-']),
    },
  ]
}
