import { NotFoundError } from '../../errors/jobledger-error.js'
import type { StatusListing } from '../../facades/listing.js'
import type { DashboardApp, DashboardContext } from '../face.js'
import { type StatusView, statusView } from '../live/status-source.js'
import { page } from '../render.js'
import { Age, hrefOf, LivePath, LiveText, ProgressBar } from './components.js'
import { readListPage, UnitList } from './unit-list.js'

export function statusesPages(app: DashboardApp, context: DashboardContext): void {
  app.get('/statuses', (c) =>
    page(c, context, async () => {
      const cursor = c.req.query('cursor') ?? null
      const { items, next } = await readListPage(context, 'status', 'statuses', cursor)
      const now = context.ledger.store.now()
      return {
        title: 'Statuses',
        body: <StatusList context={context} items={items} next={next} now={now} />,
      }
    }),
  )
  app.get('/statuses/:id', (c) =>
    page(c, context, async () => {
      const id = c.req.param('id')
      const snap = await context.ledger.getStatus(id)
      if (!snap) throw new NotFoundError(`Status ${id} does not exist or has expired.`)
      const now = context.ledger.store.now()
      return {
        title: `Status ${id}`,
        body: (
          <StatusPage
            context={context}
            id={id}
            view={statusView(snap)}
            createdAt={snap.createdAt.getTime()}
            now={now}
          />
        ),
      }
    }),
  )
}

function StatusList(props: {
  context: DashboardContext
  items: StatusListing[]
  next: string | null
  now: number
}) {
  const { context, items, next, now } = props
  return (
    <UnitList
      title="Statuses"
      empty="No live statuses."
      headers={['Id', 'Status', 'Progress', 'Done / total', 'Created']}
      rows={items.map((item) => <StatusRow context={context} item={item} now={now} />)}
      next={next}
      nextLabel="Older statuses →"
    />
  )
}

function StatusRow(props: { context: DashboardContext; item: StatusListing; now: number }) {
  const { context, item, now } = props
  const key = `status:${item.id}`
  const total = item.summary.total ?? null
  const max = Math.max(1, total ?? 1)
  return (
    <tr>
      <td>
        <a class="token" href={hrefOf(context.basePath, ['statuses', item.id])}>
          {item.id}
        </a>
      </td>
      <td>
        <LiveText liveKey={key} field="status" text={item.summary.status} />
      </td>
      <td>
        <ProgressBar
          liveKey={key}
          value={Math.round(item.summary.ratio * max)}
          max={max}
          valueField="bar.value"
          maxField="bar.max"
        />
      </td>
      <td>
        <LiveText liveKey={key} field="progress" text={item.summary.progress ?? 0} /> /{' '}
        <LiveText liveKey={key} field="total" text={total ?? '—'} />
      </td>
      <td>
        <Age at={item.createdAt} now={now} />
      </td>
    </tr>
  )
}

function StatusPage(props: {
  context: DashboardContext
  id: string
  view: StatusView
  createdAt: number
  now: number
}) {
  const { context, id, view, createdAt, now } = props
  const key = `status:${id}`
  const fields = Object.entries(view.fields)
  return (
    <section>
      <p class="crumbs">
        <a href={`${context.basePath}/statuses`}>Statuses</a> / <span class="token">{id}</span>
      </p>
      <h1>
        Status <LiveText liveKey={key} field="status" text={view.status} />
      </h1>
      <ProgressBar
        liveKey={key}
        value={view.bar.value}
        max={view.bar.max}
        valueField="bar.value"
        maxField="bar.max"
      />
      <dl class="summary">
        <dt>Progress</dt>
        <dd>
          <LiveText liveKey={key} field="progress" text={view.progress} /> of{' '}
          <LiveText liveKey={key} field="total" text={view.total ?? '—'} />
        </dd>
        <dt>Created</dt>
        <dd>
          <Age at={createdAt} now={now} />
        </dd>
      </dl>
      <h2>Fields</h2>
      {fields.length === 0 ? (
        <p class="empty">No custom fields.</p>
      ) : (
        <table class="units fields">
          <thead>
            <tr>
              <th>Field</th>
              <th>Value</th>
            </tr>
          </thead>
          <tbody>
            {fields.map(([name, value]) => (
              <tr>
                <td class="token">{name}</td>
                <td class="reason">
                  <LivePath liveKey={key} path={['fields', name]} value={value} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="links">
        <a href={hrefOf(context.basePath, ['api', 'statuses', id])}>JSON</a>
      </p>
    </section>
  )
}
