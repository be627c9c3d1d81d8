import { NotFoundError } from '../../errors/jobledger-error.js'
import type { FailuresPage } from '../../facades/job-failures.js'
import type { DashboardApp, DashboardContext } from '../face.js'
import { page } from '../render.js'
import { ChangedNotice, hrefOf, LiveText, NextPage } from './components.js'

/** Failures per dashboard page (the job page shows the first page). */
export const FAILURES_PAGE_SIZE = 100

/** /jobs/:token/failures?cursor=  the job's failed parts, a page at a time. */
export function jobFailuresPages(app: DashboardApp, context: DashboardContext): void {
  app.get('/jobs/:token/failures', (c) =>
    page(c, context, async () => {
      const job = context.ledger.job(c.req.param('token'))
      const summary = await job.summary()
      if (!summary) throw new NotFoundError(`Job ${job.token} does not exist or has expired.`)
      const failures = await job.failures({
        cursor: c.req.query('cursor') ?? null,
        limit: FAILURES_PAGE_SIZE,
      })
      return {
        title: `Failures of ${job.token}`,
        body: (
          <section>
            <p class="crumbs">
              <a href={`${context.basePath}/jobs`}>Jobs</a> /{' '}
              <a class="token" href={hrefOf(context.basePath, ['jobs', job.token])}>
                {job.token}
              </a>{' '}
              / failures
            </p>
            <Failures context={context} token={job.token} failed={summary.failed} page={failures} />
          </section>
        ),
      }
    }),
  )
}

/** A page of failed parts with a link to the next page, if any; says when more failed since. */
export function Failures(props: {
  context: DashboardContext
  token: string
  failed: number
  page: FailuresPage
}) {
  const { context, token, failed, page: failures } = props
  const next =
    failures.cursor === null
      ? null
      : hrefOf(context.basePath, ['jobs', token, 'failures'], { cursor: failures.cursor })
  const key = `job:${token}`
  return (
    <section class="failures">
      <h2>
        Failures (<LiveText liveKey={key} field="failed" text={failed} />)
      </h2>
      <ChangedNotice
        liveKey={key}
        field="failed"
        initial={failed}
        text="More parts failed since this list was drawn."
        href={hrefOf(context.basePath, ['jobs', token, 'failures'])}
        linkText="Show the failures from the start"
      />
      {failures.failures.length === 0 ? (
        <p class="empty">{next === null ? 'No failed parts.' : 'None on this page.'}</p>
      ) : (
        <table class="units">
          <thead>
            <tr>
              <th scope="col">Part</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {failures.failures.map((failure) => (
              <tr>
                <td class="token">{failure.part}</td>
                <td class="reason">{failure.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NextPage href={next} label="More failures →" />
    </section>
  )
}
