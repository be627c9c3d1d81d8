import type { DashboardApp, DashboardContext, OverviewCard } from '../face.js'
import { SPARK_HEIGHT, SPARK_WIDTH, type Throughput } from '../live/throughput-source.js'
import { page } from '../render.js'
import { LiveText } from './components.js'

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
  throughput: () => Throughput,
): void {
  app.get('/', (c) =>
    page(c, context, async () => ({
      title: 'Overview',
      body: <Overview context={context} cards={await cards()} throughput={throughput()} />,
    })),
  )
}

function Overview(props: {
  context: DashboardContext
  cards: NamedCard[]
  throughput: Throughput
}) {
  const { context, cards, throughput } = props
  return (
    <section>
      <h1>Overview</h1>
      <Sparkline throughput={throughput} />
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

/** Parts and items settled per second, as an inline SVG the page script redraws. */
function Sparkline({ throughput }: { throughput: Throughput }) {
  const key = 'throughput:settled'
  return (
    <figure class="throughput">
      <svg
        viewBox={`0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}`}
        width={SPARK_WIDTH}
        height={SPARK_HEIGHT}
        role="img"
        aria-label="settled per second"
      >
        <polyline data-live={key} data-points="points" points={throughput.points} />
      </svg>
      <figcaption>
        <LiveText liveKey={key} field="last" text={throughput.last} /> settled/s now, peak{' '}
        <LiveText liveKey={key} field="max" text={throughput.max} /> (parts of jobs and items of
        queues, sampled every few seconds while this page is open)
      </figcaption>
    </figure>
  )
}
