import { NotFoundError } from '../../errors/jobledger-error.js'
import type { JobReport } from '../../facades/job-batches.js'
import type { DashboardApp, DashboardContext } from '../face.js'
import { type JobView, jobView } from '../live/job-source.js'
import { page } from '../render.js'
import { readFailureReasons } from '../routes/failure-reasons.js'
import { LiveText, ProgressBar } from './components.js'
import { readOutcomePreview } from './job-batches.js'
import { FAILURES_PAGE_SIZE, jobFailuresPages } from './job-failures.js'
import { EtaText, JobPage, JobStateText } from './job-page.js'
import { CompactTag } from './signal-times.js'
import { At, Duration } from './time.js'
import { readListPage, UnitLink, UnitList } from './unit-list.js'

const JOB_HEADERS = [
  'Token',
  'State',
  'Progress',
  'Parts done / total',
  'Failed',
  'Items processed / skipped / errored',
  'Created',
  'Duration',
  'ETA',
]

export function jobPath(context: DashboardContext, token: string): string {
  return `${context.basePath}/jobs/${encodeURIComponent(token)}`
}

export function jobsPages(app: DashboardApp, context: DashboardContext): void {
  jobFailuresPages(app, context)
  app.get('/jobs', (c) =>
    page(c, context, async () => {
      const query = (name: string) => c.req.query(name)
      const { items, next, newest, search } = await readListPage(context, 'job', 'jobs', query)
      const now = context.ledger.now()
      const reports = await Promise.all(items.map((item) => context.ledger.job(item.id).report()))
      const jobs = items.map((item) => jobView(context.ledger, item.summary))
      return {
        title: 'Jobs',
        body: (
          <UnitList
            context={context}
            kind="job"
            newest={newest}
            title="Jobs"
            empty="No live jobs."
            headers={JOB_HEADERS}
            rows={jobs.map((job, i) => (
              <JobRow context={context} job={job} report={reports[i] ?? null} now={now} />
            ))}
            next={next}
            nextLabel="More jobs →"
            search={search}
          />
        ),
      }
    }),
  )
  app.get('/jobs/:token', (c) =>
    page(c, context, async () => {
      const job = context.ledger.job(c.req.param('token'))
      const summary = await job.summary()
      if (!summary) throw new NotFoundError(`Job ${job.token} does not exist or has expired.`)
      const [failures, report, callbacks] = await Promise.all([
        job.failures({ limit: FAILURES_PAGE_SIZE }),
        job.report(),
        job.callbacks(),
      ])
      const hasErrors = summary.failed > 0 || (report?.errored ?? 0) > 0
      const reasons = hasErrors ? await readFailureReasons(job) : null
      const preview = report && report.batches > 0 ? await readOutcomePreview(job) : null
      const now = context.ledger.now()
      const batches = report && preview ? { report, preview } : null
      const view = jobView(context.ledger, summary)
      const data = { job: view, failures, reasons, batches, callbacks, now }
      return { title: `Job ${job.token}`, body: <JobPage context={context} data={data} /> }
    }),
  )
}

function JobRow(props: {
  context: DashboardContext
  job: JobView
  report: JobReport | null
  now: number
}) {
  const { context, job, report, now } = props
  const key = `job:${job.token}`
  return (
    <tr>
      <td>
        <UnitLink href={jobPath(context, job.token)} id={job.token} name={job.name} />
      </td>
      <td>
        <JobStateText job={job} liveKey={key} />
        <CompactTag compact={job.compact} />
      </td>
      <td>
        <ProgressBar liveKey={key} value={job.done} max={job.total} label={`Job ${job.token}`} />
      </td>
      <td>
        <LiveText liveKey={key} field="done" text={job.done} /> /{' '}
        <LiveText liveKey={key} field="total" text={job.total} />
      </td>
      <td>
        <LiveText liveKey={key} field="failed" text={job.failed} />
      </td>
      <td class="items">
        {report && report.batches > 0 ? (
          <>
            <LiveText liveKey={key} field="report.processed" text={report.processed} /> /{' '}
            <LiveText liveKey={key} field="report.skipped" text={report.skipped} /> /{' '}
            <LiveText liveKey={key} field="report.errored" text={report.errored} />
          </>
        ) : (
          '—'
        )}
      </td>
      <td>
        <At at={job.createdAt} now={now} />
      </td>
      <td>
        <Duration
          from={job.createdAt}
          to={job.finishedAt}
          now={now}
          liveKey={key}
          fromField="createdAt"
          toField="finishedAt"
        />
      </td>
      <td>
        <EtaText liveKey={key} text={job.eta?.text} />
      </td>
    </tr>
  )
}
