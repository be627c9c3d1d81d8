import { describeUnitRef, type UnitRef } from '../../domain/unit-ref.js'
import { NotFoundError } from '../../errors/jobledger-error.js'
import type { DashboardApp, DashboardContext } from '../face.js'
import { type StatusView, statusView } from '../live/status-source.js'
import { page } from '../render.js'
import { pageHref, unitPath } from '../unit-links.js'
import { hrefOf, LivePath, LiveText, ProgressBar } from './components.js'
import { ErrorView } from './error-view.js'
import { JsonView } from './json-view.js'
import { At, Duration } from './time.js'
import { readListPage, UnitLink, UnitList } from './unit-list.js'

/** Field values whose JSON is up to this long are shown (and updated) live as text. */
const LIVE_FIELD_CHARS = 60

export function statusesPages(app: DashboardApp, context: DashboardContext): void {
  app.get('/statuses', (c) =>
    page(c, context, async () => {
      const query = (name: string) => c.req.query(name)
      const list = await readListPage(context, 'status', 'statuses', query)
      const { items, next, newest, search } = list
      const snaps = await Promise.all(items.map((item) => context.ledger.getStatus(item.id)))
      const now = context.ledger.now()
      const rows = snaps.flatMap((snap, i) =>
        snap ? [{ id: snap.id, name: items[i]!.name, view: statusView(context.ledger, snap) }] : [],
      )
      return {
        title: 'Statuses',
        body: (
          <UnitList
            context={context}
            kind="status"
            newest={newest}
            title="Statuses"
            empty="No live statuses."
            headers={['Id', 'Status', 'Progress', 'Done / total', 'Created', 'Duration', 'ETA']}
            rows={rows.map((row) => <StatusRow context={context} row={row} now={now} />)}
            next={next}
            nextLabel="More statuses →"
            search={search}
          />
        ),
      }
    }),
  )
  app.get('/statuses/:id', (c) =>
    page(c, context, async () => {
      const id = c.req.param('id')
      const snap = await context.ledger.getStatus(id)
      if (!snap) throw new NotFoundError(`Status ${id} does not exist or has expired.`)
      const now = context.ledger.now()
      const view = statusView(context.ledger, snap)
      const names = await context.ledger.unitNames('status', id)
      const row = { id, name: names?.name ?? null, view, subject: snap.subject }
      return {
        title: `Status ${names?.name ?? id}`,
        body: (
          <StatusPage
            context={context}
            row={row}
            description={names?.description ?? null}
            now={now}
          />
        ),
      }
    }),
  )
}

function StatusRow(props: {
  context: DashboardContext
  row: { id: string; name: string | null; view: StatusView }
  now: number
}) {
  const { context, now } = props
  const { id, name, view } = props.row
  const key = `status:${id}`
  return (
    <tr>
      <td>
        <UnitLink href={hrefOf(context.basePath, ['statuses', id])} id={id} name={name} />
      </td>
      <td>
        <LiveText liveKey={key} field="status" text={view.status} />
      </td>
      <td>
        <StatusBar liveKey={key} view={view} label={`Status ${id}`} />
      </td>
      <td>
        <LiveText liveKey={key} field="progress" text={view.progress} /> /{' '}
        <LiveText liveKey={key} field="total" text={view.total ?? '—'} />
      </td>
      <td>
        <At at={view.createdAt} now={now} />
      </td>
      <td>
        <StatusDuration liveKey={key} view={view} now={now} />
      </td>
      <td>
        <LiveText liveKey={key} field="eta.text" text={view.eta?.text ?? '—'} />
      </td>
    </tr>
  )
}

function StatusBar(props: { liveKey: string; view: StatusView; label: string }) {
  const { liveKey, view, label } = props
  return (
    <ProgressBar
      liveKey={liveKey}
      value={view.bar.value}
      max={view.bar.max}
      valueField="bar.value"
      maxField="bar.max"
      label={label}
    />
  )
}

/** Started → finished (so far while working); queued statuses have none yet. */
function StatusDuration(props: { liveKey: string; view: StatusView; now: number }) {
  const { liveKey, view, now } = props
  return (
    <Duration
      from={view.startedAt}
      to={view.finishedAt}
      now={now}
      liveKey={liveKey}
      fromField="startedAt"
      toField="finishedAt"
    />
  )
}

function StatusPage(props: {
  context: DashboardContext
  row: { id: string; name: string | null; view: StatusView; subject: UnitRef | null }
  description: string | null
  now: number
}) {
  const { context, now, description } = props
  const { id, name, view, subject } = props.row
  const key = `status:${id}`
  const fields = Object.entries(view.fields)
  return (
    <section>
      <p class="crumbs">
        <a href={`${context.basePath}/statuses`}>Statuses</a> / <span class="token">{id}</span>
      </p>
      <h1>
        {name ?? 'Status'} <LiveText liveKey={key} field="status" text={view.status} />
      </h1>
      {description === null ? null : <p class="description">{description}</p>}
      <StatusBar liveKey={key} view={view} label="Progress" />
      <dl class="summary">
        <dt>Progress</dt>
        <dd>
          <LiveText liveKey={key} field="progress" text={view.progress} /> of{' '}
          <LiveText liveKey={key} field="total" text={view.total ?? '—'} />
        </dd>
        <dt>ETA</dt>
        <dd>
          <LiveText liveKey={key} field="eta.text" text={view.eta?.text ?? '—'} />
        </dd>
        <dt>Created</dt>
        <dd>
          <At at={view.createdAt} now={now} />
        </dd>
        <dt>Started</dt>
        <dd data-live={key} data-at-field="startedAt">
          <At at={view.startedAt} now={now} />
        </dd>
        <dt>Finished</dt>
        <dd data-live={key} data-at-field="finishedAt">
          <At at={view.finishedAt} now={now} />
        </dd>
        <dt>Duration</dt>
        <dd>
          <StatusDuration liveKey={key} view={view} now={now} />
        </dd>
        <dt>Updated</dt>
        <dd data-live={key} data-at-field="updatedAt">
          <At at={view.updatedAt} now={now} />
        </dd>
        <dt>Reports on</dt>
        <dd>
          {subject === null ? (
            <span class="muted">—</span>
          ) : (
            <a class="token" data-link="subject" href={pageHref(context, unitPath(subject))}>
              {describeUnitRef(subject)}
            </a>
          )}
        </dd>
      </dl>
      <h2>Fields</h2>
      {fields.length === 0 ? (
        <p class="empty">No custom fields.</p>
      ) : (
        <table class="units fields">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {fields.map(([name, value]) => (
              <tr>
                <td class="token">{name}</td>
                <td class="reason">
                  <FieldValue liveKey={key} name={name} value={value} />
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

/** A short value live as text; an error as class, message and stack; long JSON collapsed. */
function FieldValue(props: { liveKey: string; name: string; value: unknown }) {
  const { liveKey, name, value } = props
  if (name === 'error' && typeof value === 'object' && value !== null)
    return <ErrorView error={value} />
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  if (text.length <= LIVE_FIELD_CHARS && !text.includes('\n'))
    return <LivePath liveKey={liveKey} path={['fields', name]} value={value} />
  return <JsonView value={value} />
}
