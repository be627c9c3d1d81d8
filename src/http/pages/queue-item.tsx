import type { QueueItem } from '../../facades/queue-item.js'
import type { DashboardApp, DashboardContext } from '../face.js'
import { queueItemKey, queueItemView } from '../live/queue-source.js'
import { page } from '../render.js'
import { ActionForm } from './actions.js'
import { hrefOf, LiveText } from './components.js'
import { ErrorList } from './error-view.js'
import { JsonView } from './json-view.js'
import { At, Duration } from './time.js'

/** /queues/:name/items/:id  one item: its times and durations, data, result or errors. */
export function queueItemPages(app: DashboardApp, context: DashboardContext): void {
  app.get('/queues/:name/items/:id', (c) =>
    page(c, context, async () => {
      const item = await context.ledger.queue(c.req.param('name')).get(c.req.param('id'))
      const now = context.ledger.now()
      return {
        title: `Item ${item.id} of ${item.queue}`,
        body: <ItemPage context={context} item={item} now={now} />,
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

function ItemDuration({ item, now }: { item: QueueItem; now: number }) {
  return (
    <Duration
      from={item.startedAt}
      to={item.finishedAt}
      now={now}
      liveKey={queueItemKey(item.queue, item.id)}
      fromField="startedAt"
      toField="finishedAt"
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
        <ItemDuration item={item} now={now} />
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
  now,
}: {
  context: DashboardContext
  item: QueueItem
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
        <dt>Waited (created → started)</dt>
        <dd>
          <Duration
            from={item.createdAt}
            to={item.startedAt}
            now={now}
            liveKey={key}
            fromField="createdAt"
            toField="startedAt"
          />
        </dd>
        <dt>Ran (started → finished)</dt>
        <dd>
          <ItemDuration item={item} now={now} />
        </dd>
        <dt>Total (created → finished)</dt>
        <dd>
          <Duration
            from={item.createdAt}
            to={item.finishedAt}
            now={now}
            liveKey={key}
            fromField="createdAt"
            toField="finishedAt"
          />
        </dd>
        <dt>Lease until</dt>
        <dd data-live={key} data-at-field="leaseUntil">
          <At at={item.leaseUntil} now={now} />
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
