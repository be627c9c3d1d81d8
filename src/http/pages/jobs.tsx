import type { JobSummary } from '../../domain/job-summary.js'
import { NotFoundError } from '../../errors/jobledger-error.js'
import type { JobReport } from '../../facades/job-batches.js'
import type { FailuresPage } from '../../facades/job-failures.js'
import type { DashboardApp, DashboardContext } from '../face.js'
import { page } from '../render.js'
import { Age, LiveText, ProgressBar } from './components.js'
import { JobBatchesSection, type OutcomePreview, readOutcomePreview } from './job-batches.js'
import { FAILURES_PAGE_SIZE, Failures, jobFailuresPages } from './job-failures.js'
import { readListPage, UnitList } from './unit-list.js'

const JOB_HEADERS = [
  'Token',
  'State',
  'Progress',
  'Parts done / total',
  'Failed',
  'Items processed / skipped / errored',
  'Age',
]

export function jobPath(context: DashboardContext, token: string): string {
  return `${context.basePath}/jobs/${encodeURIComponent(token)}`
}

export function jobsPages(app: DashboardApp, context: DashboardContext): void {
  jobFailuresPages(app, context)
  app.get('/jobs', (c) =>
    page(c, context, async () => {
      const cursor = c.req.query('cursor') ?? null
      const { items, next } = await readListPage(context, 'job', 'jobs', cursor)
      const now = context.ledger.store.now()
      const reports = await Promise.all(items.map((item) => context.ledger.job(item.id).report()))
      return {
        title: 'Jobs',
        body: (
          <JobsList
            context={context}
            jobs={items.map((i) => i.summary)}
            reports={reports}
            next={next}
            now={now}
          />
        ),
      }
    }),
  )
  app.get('/jobs/:token', (c) =>
    page(c, context, async () => {
      const job = context.ledger.job(c.req.param('token'))
      const summary = await job.summary()
      if (!summary) throw notFound(job.token)
      const [failures, report] = await Promise.all([
        job.failures({ limit: FAILURES_PAGE_SIZE }),
        job.report(),
      ])
      const preview = report && report.batches > 0 ? await readOutcomePreview(job) : null
      const now = context.ledger.store.now()
      const batches = report && preview ? { report, preview } : null
      return {
        title: `Job ${job.token}`,
        body: (
          <JobPage
            context={context}
            summary={summary}
            failures={failures}
            batches={batches}
            now={now}
          />
        ),
      }
    }),
  )
}

function JobsList(props: {
  context: DashboardContext
  jobs: JobSummary[]
  reports: (JobReport | null)[]
  next: string | null
  now: number
}) {
  const { context, jobs, reports, next, now } = props
  return (
    <UnitList
      title="Jobs"
      empty="No live jobs."
      headers={JOB_HEADERS}
      rows={jobs.map((job, i) => (
        <JobRow context={context} job={job} report={reports[i] ?? null} now={now} />
      ))}
      next={next}
      nextLabel="Older jobs →"
    />
  )
}

function JobRow({
  context,
  job,
  report,
  now,
}: {
  context: DashboardContext
  job: JobSummary
  report: JobReport | null
  now: number
}) {
  const key = `job:${job.token}`
  return (
    <tr>
      <td>
        <a class="token" href={jobPath(context, job.token)}>
          {job.token}
        </a>
      </td>
      <td>
        <LiveText liveKey={key} field="state" text={job.state} />
      </td>
      <td>
        <ProgressBar liveKey={key} value={job.succeeded + job.failed} max={job.total} />
      </td>
      <td>
        <LiveText liveKey={key} field="done" text={job.succeeded + job.failed} /> /{' '}
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
        <Age at={job.createdAt} now={now} />
      </td>
    </tr>
  )
}

function JobPage(props: {
  context: DashboardContext
  summary: JobSummary
  failures: FailuresPage
  batches: { report: JobReport; preview: OutcomePreview } | null
  now: number
}) {
  const { context, summary, failures, batches, now } = props
  const key = `job:${summary.token}`
  return (
    <section>
      <p class="crumbs">
        <a href={`${context.basePath}/jobs`}>Jobs</a> / <span class="token">{summary.token}</span>
      </p>
      <h1>
        Job <LiveText liveKey={key} field="state" text={summary.state} />
      </h1>
      <ProgressBar liveKey={key} value={summary.succeeded + summary.failed} max={summary.total} />
      <dl class="summary">
        <dt>Parts</dt>
        <dd>
          <LiveText liveKey={key} field="done" text={summary.succeeded + summary.failed} /> done of{' '}
          <LiveText liveKey={key} field="total" text={summary.total} />
        </dd>
        <dt>Open</dt>
        <dd>
          <LiveText liveKey={key} field="open" text={summary.open} />
        </dd>
        <dt>Succeeded</dt>
        <dd>
          <LiveText liveKey={key} field="succeeded" text={summary.succeeded} />
        </dd>
        <dt>Failed</dt>
        <dd>
          <LiveText liveKey={key} field="failed" text={summary.failed} />
        </dd>
        <dt>Outcome</dt>
        <dd>
          <LiveText liveKey={key} field="outcome" text={summary.outcome ?? '—'} />
        </dd>
        <dt>Stop reason</dt>
        <dd>
          <LiveText liveKey={key} field="stopReason" text={summary.stopReason ?? '—'} />
        </dd>
        <dt>Created</dt>
        <dd>
          <Age at={summary.createdAt} now={now} />
        </dd>
      </dl>
      {context.readOnly || summary.state === 'finished' || summary.state === 'stopped' ? null : (
        <StopForm context={context} summary={summary} />
      )}
      {batches ? (
        <JobBatchesSection
          context={context}
          token={summary.token}
          report={batches.report}
          preview={batches.preview}
        />
      ) : null}
      <Failures context={context} token={summary.token} failed={summary.failed} page={failures} />
    </section>
  )
}

function StopForm({ context, summary }: { context: DashboardContext; summary: JobSummary }) {
  return (
    <form
      class="action"
      data-action={`${context.basePath}/api/jobs/${encodeURIComponent(summary.token)}/stop`}
      data-live={`job:${summary.token}`}
      data-hide-when="finished stopped"
    >
      <input name="reason" placeholder="reason (optional)" maxlength={200} />
      <button type="submit">Stop job</button>
      <span data-role="flash"></span>
    </form>
  )
}

function notFound(token: string): Error {
  return new NotFoundError(`Job ${token} does not exist or has expired.`)
}
