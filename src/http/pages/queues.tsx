import { QUEUE_STATES, type QueueState } from '../../domain/queue-item.js'
import type { QueueListing } from '../../facades/listing.js'
import type { QueueItem } from '../../facades/queue-item.js'
import type { DashboardApp, DashboardContext } from '../face.js'
import { queueItemKey, queueItemView } from '../live/queue-source.js'
import { page } from '../render.js'
import { type QueueView, queueState, readQueue } from '../routes/queues.js'
import { Age, displayValue, hrefOf, LiveText, NextPage } from './components.js'
import { readListPage, UnitList } from './unit-list.js'

const PAGE_SIZE = 50

export function queuesPages(app: DashboardApp, context: DashboardContext): void {
  app.get('/queues', (c) =>
    page(c, context, async () => {
      const cursor = c.req.query('cursor') ?? null
      const { items, next } = await readListPage(context, 'queue', 'queues', cursor)
      return {
        title: 'Queues',
        body: <QueueList context={context} items={items} next={next} />,
      }
    }),
  )
  app.get('/queues/:name', (c) =>
    page(c, context, async () => {
      const queue = await readQueue(context.ledger, c.req.param('name'))
      const state = queueState(c.req.query('state') ?? 'waiting')
      const cursor = c.req.query('cursor') ?? null
      const items = await context.ledger.queue(queue.name).list(state, { cursor, limit: PAGE_SIZE })
      const next =
        items.cursor === null
          ? null
          : hrefOf(context.basePath, ['queues', queue.name], { state, cursor: items.cursor })
      const now = context.ledger.store.now()
      return {
        title: `Queue ${queue.name}`,
        body: (
          <QueuePage
            context={context}
            queue={queue}
            state={state}
            items={items.items}
            next={next}
            now={now}
          />
        ),
      }
    }),
  )
}

function Counts({ liveKey, counts }: { liveKey: string; counts: QueueView['counts'] }) {
  return (
    <>
      {QUEUE_STATES.map((state) => (
        <td>
          <LiveText liveKey={liveKey} field={state} text={counts[state]} />
        </td>
      ))}
    </>
  )
}

function QueueList(props: {
  context: DashboardContext
  items: QueueListing[]
  next: string | null
}) {
  const { context, items, next } = props
  return (
    <UnitList
      title="Queues"
      empty="No queues."
      headers={['Queue', ...QUEUE_STATES]}
      rows={items.map((item) => (
        <tr>
          <td>
            <a class="token" href={hrefOf(context.basePath, ['queues', item.id])}>
              {item.id}
            </a>
          </td>
          <Counts liveKey={`queue:${item.id}`} counts={item.summary} />
        </tr>
      ))}
      next={next}
      nextLabel="More queues →"
    />
  )
}

function QueuePage(props: {
  context: DashboardContext
  queue: QueueView
  state: QueueState
  items: QueueItem[]
  next: string | null
  now: number
}) {
  const { context, queue, state, items, next, now } = props
  const key = `queue:${queue.name}`
  return (
    <section>
      <p class="crumbs">
        <a href={`${context.basePath}/queues`}>Queues</a> / <span class="token">{queue.name}</span>
      </p>
      <h1>{`Queue ${queue.name}`}</h1>
      <nav class="tabs">
        {QUEUE_STATES.map((s) => (
          <a
            href={hrefOf(context.basePath, ['queues', queue.name], { state: s })}
            aria-current={s === state ? 'page' : undefined}
            data-state={s}
          >
            {`${s} `}
            <LiveText liveKey={key} field={s} text={queue.counts[s]} />
          </a>
        ))}
      </nav>
      {items.length === 0 ? (
        <p class="empty">{`No ${state} items.`}</p>
      ) : (
        <table class="units queue-items">
          <thead>
            <tr>
              <th>Item</th>
              <th>State</th>
              <th>Attempts</th>
              <th>Data</th>
              <th>Errors / result</th>
              <th>Created</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <ItemRow context={context} item={item} now={now} />
            ))}
          </tbody>
        </table>
      )}
      <NextPage href={next} label="More items →" />
    </section>
  )
}

function ItemRow({
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
  const action = (verb: string) =>
    hrefOf(context.basePath, ['api', 'queues', item.queue, 'items', item.id, verb])
  return (
    <tr data-item={item.id} data-live={key}>
      <td class="token">{item.id}</td>
      <td>
        <LiveText liveKey={key} field="state" text={view.state} goneText="deleted" />
      </td>
      <td>
        <LiveText liveKey={key} field="attempts" text={view.attempts} />
      </td>
      <td class="reason token">{displayValue(item.data)}</td>
      <td class="reason errors">
        <LiveText
          liveKey={key}
          field={item.state === 'finished' ? 'result' : 'errors'}
          text={item.state === 'finished' ? view.result : view.errors}
        />
      </td>
      <td>
        <Age at={item.createdAt} now={now} />
      </td>
      <td class="actions">
        {context.readOnly ? null : (
          <>
            <form
              class="action"
              data-action={action('retry')}
              data-live={key}
              data-hide-when="waiting running"
            >
              <button type="submit">Retry</button>
              <span data-role="flash"></span>
            </form>
            <form class="action" data-action={action('delete')} data-live={key}>
              <button type="submit">Delete</button>
              <span data-role="flash"></span>
            </form>
          </>
        )}
      </td>
    </tr>
  )
}
