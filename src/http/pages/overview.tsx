import type { DashboardApp, DashboardContext, OverviewCard } from '../face.js'
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
): void {
  app.get('/', (c) =>
    page(c, context, async () => ({
      title: 'Overview',
      body: <Overview context={context} cards={await cards()} />,
    })),
  )
}

function Overview({ context, cards }: { context: DashboardContext; cards: NamedCard[] }) {
  return (
    <section>
      <h1>Overview</h1>
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
