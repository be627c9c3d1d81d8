import type { Child } from 'hono/jsx'
import type { ListingOf } from '../../facades/listing.js'
import type { UnitKind } from '../../store/unit-ref.js'
import type { DashboardContext } from '../face.js'
import { hrefOf, NextPage } from './components.js'

/** Units a listing page shows at once. */
const LIST_PAGE_SIZE = 50

/** One page of live units of a kind from `cursor`, with the link to the page after it. */
export async function readListPage<K extends UnitKind>(
  context: DashboardContext,
  kind: K,
  path: string,
  cursor: string | null,
): Promise<{ items: ListingOf<K>[]; next: string | null }> {
  const result = await context.ledger.list({ kind, limit: LIST_PAGE_SIZE, cursor })
  const next =
    result.cursor === null ? null : hrefOf(context.basePath, [path], { cursor: result.cursor })
  return { items: result.items, next }
}

/** A listing page: its heading, a table of one row per unit (or `empty`), the next-page link. */
export function UnitList(props: {
  title: string
  empty: string
  headers: readonly string[]
  rows: Child[]
  next: string | null
  nextLabel: string
}) {
  const { title, empty, headers, rows, next, nextLabel } = props
  return (
    <section>
      <h1>{title}</h1>
      {rows.length === 0 ? (
        <p class="empty">{empty}</p>
      ) : (
        <table class="units">
          <thead>
            <tr>
              {headers.map((header) => (
                <th>{header}</th>
              ))}
            </tr>
          </thead>
          <tbody>{rows}</tbody>
        </table>
      )}
      <NextPage href={next} label={nextLabel} />
    </section>
  )
}
