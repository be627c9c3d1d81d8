import type { DashboardApp, DashboardContext, OverviewCard } from '../face.js'
import { THROUGHPUT_RANGES, type ThroughputRange } from '../live/throughput-history.js'
import { throughputOf } from '../live/throughput-source.js'
import { page } from '../render.js'
import { LiveText } from './components.js'
import { type ThroughputChart, ThroughputFigure } from './throughput-chart.js'

/** The newest units counted per kind on the overview; beyond it the card says "+". */
export const OVERVIEW_SAMPLE = 1000

/** A face's card and its name, which is also its live key `overview:<name>`. */
export interface NamedCard {
  name: string
  card: OverviewCard
}

export function overviewPages(
  app: DashboardApp,
  context: DashboardContext,
  cards: () => Promise<NamedCard[]>,
  throughput: (range: ThroughputRange) => ThroughputChart,
): void {
  app.get('/', (c) =>
    page(c, context, async () => {
      const range = rangeParam(c.req.query('range'))
      // A baseline sample now, so the first tick of the live stream already draws a rate.
      await throughputOf(context.ledger).sample()
      return {
        title: 'Overview',
        body: <Overview context={context} cards={await cards()} throughput={throughput(range)} />,
      }
    }),
  )
}

function rangeParam(text: string | undefined): ThroughputRange {
  return text !== undefined && Object.hasOwn(THROUGHPUT_RANGES, text)
    ? (text as ThroughputRange)
    : '5m'
}

function Overview(props: {
  context: DashboardContext
  cards: NamedCard[]
  throughput: ThroughputChart
}) {
  const { context, cards, throughput } = props
  return (
    <section>
      <h1>Overview</h1>
      <ThroughputFigure base={context.basePath} chart={throughput} />
      <div class="cards">
        {cards.map(({ name, card }) => (
          <Card context={context} name={name} card={card} />
        ))}
      </div>
    </section>
  )
}

function Card({
  context,
  name,
  card,
}: {
  context: DashboardContext
  name: string
  card: OverviewCard
}) {
  const key = `overview:${name}`
  return (
    <article class="card">
      <h2>
        <a href={`${context.basePath}${card.path}`}>{card.label}</a>
      </h2>
      <p class="total">
        <LiveText liveKey={key} field="total" text={card.total} />
        {card.more ? '+' : ''}
      </p>
      <dl>
        {Object.entries(card.byState).map(([state, count]) => (
          <>
            <dt data-state={state}>{state}</dt>
            <dd>
              <LiveText liveKey={key} field={`byState.${state}`} text={count} />
            </dd>
          </>
        ))}
      </dl>
    </article>
  )
}
