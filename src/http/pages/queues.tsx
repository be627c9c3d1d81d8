import { QUEUE_STATES, type QueueState } from '../../domain/queue-item.js'
import type { QueueItem } from '../../facades/queue-item.js'
import type { DashboardApp, DashboardContext } from '../face.js'
import { page } from '../render.js'
import { type QueueView, queueState, readQueue } from '../routes/queues.js'
import { ChangedNotice, hrefOf, LiveText, NextPage } from './components.js'
import { QueueBulkActions } from './queue-bulk.js'
import { ItemRow, queueItemPages } from './queue-item.js'
import { type ListPage, readListPage, UnitLink, UnitList } from './unit-list.js'

const PAGE_SIZE = 50

export function queuesPages(app: DashboardApp, context: DashboardContext): void {
  queueItemPages(app, context)
  app.get('/queues', (c) =>
    page(c, context, async () => {
      const list = await readListPage(context, 'queue', 'queues', (name) => c.req.query(name))
      return {
        title: 'Queues',
        body: <QueueList context={context} list={list} />,
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
      const now = context.ledger.now()
      const view = { queue, state, items: items.items, next, now }
      return { title: `Queue ${queue.name}`, body: <QueuePage context={context} view={view} /> }
    }),
  )
}

function QueueList(props: { context: DashboardContext; list: ListPage<'queue'> }) {
  const { context } = props
  const { items, next, newest, search } = props.list
  return (
    <UnitList
      context={context}
      kind="queue"
      newest={newest}
      title="Queues"
      empty="No queues."
      headers={['Queue', ...QUEUE_STATES]}
      rows={items.map((item) => (
        <tr>
          <td>
            <UnitLink
              href={hrefOf(context.basePath, ['queues', item.id])}
              id={item.id}
              name={item.name === item.id ? null : item.name}
            />
          </td>
          {QUEUE_STATES.map((state) => (
            <td>
              <LiveText liveKey={`queue:${item.id}`} field={state} text={item.summary[state]} />
            </td>
          ))}
        </tr>
      ))}
      next={next}
      nextLabel="More queues →"
      search={search}
    />
  )
}

interface QueuePageView {
  queue: QueueView
  state: QueueState
  items: QueueItem[]
  next: string | null
  now: number
}

function QueuePage({ context, view }: { context: DashboardContext; view: QueuePageView }) {
  const { queue, state, items, next, now } = view
  const key = `queue:${queue.name}`
  return (
    <section>
      <p class="crumbs">
        <a href={`${context.basePath}/queues`}>Queues</a> / <span class="token">{queue.name}</span>
      </p>
      <h1>{`Queue ${queue.name}`}</h1>
      <nav class="tabs" aria-label="Items by state">
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
      {context.readOnly ? null : <QueueBulkActions context={context} queue={queue} state={state} />}
      <ChangedNotice
        liveKey={key}
        field={state}
        initial={queue.counts[state]}
        text={`The ${state} items changed since this list was drawn.`}
        href={hrefOf(context.basePath, ['queues', queue.name], { state })}
        linkText="Show them as they are now"
      />
      {items.length === 0 ? (
        <p class="empty">{`No ${state} items.`}</p>
      ) : (
        <table class="units queue-items">
          <thead>
            <tr>
              {['Item', 'State', 'Attempts', 'Data', 'Errors / result', 'Created', 'Duration'].map(
                (header) => (
                  <th scope="col">{header}</th>
                ),
              )}
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
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
