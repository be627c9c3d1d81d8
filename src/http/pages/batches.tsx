import type { OutcomesPage } from '../../facades/job-batches.js'
import type { OutcomeKind } from '../../store/batch-store.js'
import type { DashboardApp, DashboardContext } from '../face.js'
import { BATCHES_PAGE_SIZE, batchesKey } from '../live/batches-source.js'
import { integerParam } from '../paging.js'
import { page } from '../render.js'
import { type BatchesPage, outcomeKind, readBatches, reportOf } from '../routes/batches.js'
import { ChangedNotice, hrefOf, LivePath, LiveText, NextPage } from './components.js'

const PAGE_SIZE = BATCHES_PAGE_SIZE

/** Pages under a job: its batches, and its errored / skipped / missing items with messages. */
export function batchesPages(app: DashboardApp, context: DashboardContext): void {
  app.get('/jobs/:token/batches', (c) =>
    page(c, context, async () => {
      const token = c.req.param('token')
      const cursor = c.req.query('cursor')
      const start = cursor === undefined ? 0 : integerParam(cursor, 'cursor')
      const batches = await readBatches(context.ledger, token, start, PAGE_SIZE)
      return {
        title: `Batches of ${token}`,
        body: <Batches context={context} token={token} start={start} page={batches} />,
      }
    }),
  )
  app.get('/jobs/:token/outcomes/:kind', (c) =>
    page(c, context, async () => {
      const job = context.ledger.job(c.req.param('token'))
      const kind = outcomeKind(c.req.param('kind'))
      const report = await reportOf(job)
      const outcomes = await job.outcomes(kind, {
        cursor: c.req.query('cursor') ?? null,
        limit: PAGE_SIZE,
      })
      const count =
        kind === 'errored' ? report.errored : kind === 'skipped' ? report.skipped : report.missing
      return {
        title: `${kind} items of ${job.token}`,
        body: (
          <Outcomes context={context} token={job.token} kind={kind} page={outcomes} count={count} />
        ),
      }
    }),
  )
}

function Crumbs({
  context,
  token,
  here,
}: {
  context: DashboardContext
  token: string
  here: string
}) {
  return (
    <p class="crumbs">
      <a href={`${context.basePath}/jobs`}>Jobs</a> /{' '}
      <a class="token" href={hrefOf(context.basePath, ['jobs', token])}>
        {token}
      </a>{' '}
      / {here}
    </p>
  )
}

/** Links to the three outcome lists of a job. */
export function OutcomeLinks({ context, token }: { context: DashboardContext; token: string }) {
  return (
    <p class="links">
      {(['errored', 'skipped', 'missing'] as const).map((kind) => (
        <a href={hrefOf(context.basePath, ['jobs', token, 'outcomes', kind])}>{`${kind} items`}</a>
      ))}
    </p>
  )
}

function Batches(props: {
  context: DashboardContext
  token: string
  start: number
  page: BatchesPage
}) {
  const { context, token, start, page: batches } = props
  const key = batchesKey(token, start)
  const next =
    batches.cursor === null
      ? null
      : hrefOf(context.basePath, ['jobs', token, 'batches'], { cursor: batches.cursor })
  return (
    <section>
      <Crumbs context={context} token={token} here="batches" />
      <h1>
        Batches: <LiveText liveKey={key} field="batchesDone" text={batches.batchesDone} /> done of{' '}
        <LiveText liveKey={key} field="batches" text={batches.batches} />
      </h1>
      <OutcomeLinks context={context} token={token} />
      {batches.items.length === 0 ? (
        <p class="empty">No batches.</p>
      ) : (
        <table class="units batches">
          <thead>
            <tr>
              <th scope="col">Batch</th>
              <th scope="col">Part</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {batches.items.map((batch, i) => (
              <tr>
                <td>{batch.index}</td>
                <td class="token">{batch.part}</td>
                <td>
                  <LivePath
                    liveKey={key}
                    path={['items', String(i), 'state']}
                    value={batch.state}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NextPage href={next} label="More batches →" />
    </section>
  )
}

function Outcomes(props: {
  context: DashboardContext
  token: string
  kind: OutcomeKind
  page: OutcomesPage
  count: number
}) {
  const { context, token, kind, page: outcomes, count } = props
  const next =
    outcomes.cursor === null
      ? null
      : hrefOf(context.basePath, ['jobs', token, 'outcomes', kind], { cursor: outcomes.cursor })
  return (
    <section>
      <Crumbs context={context} token={token} here={`${kind} items`} />
      <h1>
        {`${kind[0]!.toUpperCase()}${kind.slice(1)} items (`}
        <LiveText liveKey={`job:${token}`} field={`report.${kind}`} text={count} />)
      </h1>
      <ChangedNotice
        liveKey={`job:${token}`}
        field={`report.${kind}`}
        initial={count}
        text={`More items were ${kind === 'missing' ? 'found missing' : kind} since this list was drawn.`}
        href={hrefOf(context.basePath, ['jobs', token, 'outcomes', kind])}
        linkText="Show them from the start"
      />
      <OutcomeLinks context={context} token={token} />
      <OutcomeTable entries={outcomes.entries} kind={kind} />
      <NextPage href={next} label="More items →" />
    </section>
  )
}

/** Outcome entries as a table: batch, item id and (for errored items) the message. */
export function OutcomeTable({
  entries,
  kind,
}: {
  entries: OutcomesPage['entries']
  kind: OutcomeKind
}) {
  if (entries.length === 0) return <p class="empty">{`No ${kind} items.`}</p>
  return (
    <table class={`units outcomes ${kind}`}>
      <thead>
        <tr>
          <th scope="col">Batch</th>
          <th scope="col">Item</th>
          <th scope="col">Message</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr>
            <td>{entry.batch}</td>
            <td class="token">{entry.id}</td>
            <td class="reason">{entry.message ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
