import type { StatusSnapshot } from '../../domain/status-snapshot.js'
import type { QueueItem } from '../../facades/queue-item.js'
import type { DashboardApp, DashboardContext } from '../face.js'
import { itemStatusOf } from '../item-status.js'
import { queueItemKey, queueItemView } from '../live/queue-source.js'
import { page } from '../render.js'
import { pageHref, unitPaths } from '../unit-links.js'
import { ActionForm } from './actions.js'
import { CarriedLinks } from './carried-links.js'
import { hrefOf, LiveText } from './components.js'
import { ErrorList } from './error-view.js'
import { JsonView } from './json-view.js'
import { At, Duration } from './time.js'

/** /queues/:name/items/:id  one item: its times and durations, data, result or errors. */
export function queueItemPages(app: DashboardApp, context: DashboardContext): void {
  app.get('/queues/:name/items/:id', (c) =>
    page(c, context, async () => {
      const item = await context.ledger.queue(c.req.param('name')).get(c.req.param('id'))
      const status = await itemStatusOf(context.ledger, item)
      const now = context.ledger.now()
      return {
        title: `Item ${item.id} of ${item.queue}`,
        body: <ItemPage context={context} item={item} status={status} now={now} />,
      }
    }),
  )
}

/** Retry (finished or failed items) and Delete (any, after a confirmation). */
function ItemActions({ context, item }: { context: DashboardContext; item: QueueItem }) {
  if (context.readOnly) return null
  const key = queueItemKey(item.queue, item.id)
  const action = (verb: string) =>
    hrefOf(context.basePath, ['api', 'queues', item.queue, 'items', item.id, verb])
  return (
    <>
      <ActionForm
        action={action('retry')}
        label="Retry"
        tone="plain"
        liveKey={key}
        hideWhen="waiting running"
        describe={`item ${item.id}`}
      />
      <ActionForm
        action={action('delete')}
        label="Delete"
        tone="danger"
        liveKey={key}
        describe={`item ${item.id}`}
        confirm={{
          text: `Delete item ${item.id} of ${item.queue} with its data? This cannot be undone.`,
          button: 'Delete item',
        }}
      />
    </>
  )
}

/** The errors of a failed item or the result of a finished one, hidden once it moves on. */
function Outcome({ item }: { item: QueueItem }) {
  const key = queueItemKey(item.queue, item.id)
  if (item.state === 'failed') {
    return (
      <div data-live={key} data-show-when="failed">
        <ErrorList errors={item.errors} />
      </div>
    )
  }
  if (item.state === 'finished') {
    return (
      <div data-live={key} data-show-when="finished">
        <JsonView value={item.result} />
      </div>
    )
  }
  return <span class="muted">—</span>
}

type ItemTime = 'createdAt' | 'startedAt' | 'finishedAt'

/** The spans of an item's life its page shows: label, from, to. */
const SPANS: readonly (readonly [string, ItemTime, ItemTime])[] = [
  ['Waited (created → started)', 'createdAt', 'startedAt'],
  ['Ran (started → finished)', 'startedAt', 'finishedAt'],
  ['Total (created → finished)', 'createdAt', 'finishedAt'],
]

/** How long from one of the item's times to another, live while the second is unset. */
function ItemSpan(props: { item: QueueItem; now: number; from: ItemTime; to: ItemTime }) {
  const { item, now, from, to } = props
  return (
    <Duration
      from={item[from]}
      to={item[to]}
      now={now}
      liveKey={queueItemKey(item.queue, item.id)}
      fromField={from}
      toField={to}
    />
  )
}

export function ItemRow({
  context,
  item,
  now,
}: {
  context: DashboardContext
  item: QueueItem
  now: number
}) {
  const key = queueItemKey(item.queue, item.id)
  const view = queueItemView(item)
  return (
    <tr data-item={item.id} data-live={key}>
      <td>
        <a class="token" href={hrefOf(context.basePath, ['queues', item.queue, 'items', item.id])}>
          {item.id}
        </a>
      </td>
      <td>
        <LiveText liveKey={key} field="state" text={view.state} goneText="deleted" />
      </td>
      <td>
        <LiveText liveKey={key} field="attempts" text={view.attempts} />
      </td>
      <td class="data">
        <JsonView value={item.data} />
      </td>
      <td class="errors">
        <Outcome item={item} />
      </td>
      <td>
        <At at={item.createdAt} now={now} />
      </td>
      <td>
        <ItemSpan item={item} now={now} from="startedAt" to="finishedAt" />
      </td>
      <td class="actions">
        <ItemActions context={context} item={item} />
      </td>
    </tr>
  )
}

function ItemPage({
  context,
  item,
  status,
  now,
}: {
  context: DashboardContext
  item: QueueItem
  status: StatusSnapshot | null
  now: number
}) {
  const key = queueItemKey(item.queue, item.id)
  const view = queueItemView(item)
  return (
    <section>
      <p class="crumbs">
        <a href={`${context.basePath}/queues`}>Queues</a> /{' '}
        <a
          class="token"
          href={hrefOf(context.basePath, ['queues', item.queue], { state: item.state })}
        >
          {item.queue}
        </a>{' '}
        / <span class="token">{item.id}</span>
      </p>
      <h1>
        {`Item ${item.id} `}
        <LiveText liveKey={key} field="state" text={view.state} goneText="deleted" />
      </h1>
      <dl class="summary">
        <dt>Attempts</dt>
        <dd>
          <LiveText liveKey={key} field="attempts" text={view.attempts} />
        </dd>
        <dt>Created</dt>
        <dd>
          <At at={item.createdAt} now={now} />
        </dd>
        <dt>Started</dt>
        <dd data-live={key} data-at-field="startedAt">
          <At at={item.startedAt} now={now} />
        </dd>
        <dt>Finished</dt>
        <dd data-live={key} data-at-field="finishedAt">
          <At at={item.finishedAt} now={now} />
        </dd>
        {SPANS.map(([label, from, to]) => (
          <>
            <dt>{label}</dt>
            <dd>
              <ItemSpan item={item} now={now} from={from} to={to} />
            </dd>
          </>
        ))}
        <dt>Lease until</dt>
        <dd data-live={key} data-at-field="leaseUntil">
          <At at={item.leaseUntil} now={now} />
        </dd>
        <dt>Carries</dt>
        <dd class="carries">
          <CarriedLinks context={context} data={item.data} />
        </dd>
        <dt>Status</dt>
        <dd>
          {status === null ? (
            <span class="muted">—</span>
          ) : (
            <a
              class="token"
              data-link="status"
              href={pageHref(context, unitPaths.status(status.id))}
            >
              {`${status.id} (${status.status})`}
            </a>
          )}
        </dd>
      </dl>
      <h2>Data</h2>
      <JsonView value={item.data} open />
      <h2>{item.state === 'failed' ? 'Errors' : 'Result'}</h2>
      <Outcome item={item} />
      <div class="links">
        <ItemActions context={context} item={item} />
        <a href={hrefOf(context.basePath, ['api', 'queues', item.queue, 'items', item.id])}>JSON</a>
      </div>
    </section>
  )
}
