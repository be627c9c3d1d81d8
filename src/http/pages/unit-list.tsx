import type { Child } from 'hono/jsx'
import type { ListingOf } from '../../facades/listing.js'
import type { UnitKind } from '../../store/unit-ref.js'
import type { DashboardContext } from '../face.js'
import { ChangedNotice, hrefOf, NextPage } from './components.js'

/** Units a listing page shows at once. */
const LIST_PAGE_SIZE = 50

/**
 * One page of live units of a kind from `cursor`, with the link to the page after it and,
 * on the first page, the newest unit's id (so the page can tell when newer ones arrive).
 */
export async function readListPage<K extends UnitKind>(
  context: DashboardContext,
  kind: K,
  path: string,
  cursor: string | null,
): Promise<{ items: ListingOf<K>[]; next: string | null; newest: string | null | undefined }> {
  const result = await context.ledger.list({ kind, limit: LIST_PAGE_SIZE, cursor })
  const next =
    result.cursor === null ? null : hrefOf(context.basePath, [path], { cursor: result.cursor })
  const newest = cursor === null ? (result.items[0]?.id ?? null) : undefined
  return { items: result.items, next, newest }
}

const PLURAL: Record<UnitKind, string> = {
  job: 'jobs',
  status: 'statuses',
  group: 'groups',
  queue: 'queues',
}

/**
 * A listing page: its heading, a table of one row per unit (or `empty`), the next-page link,
 * and on the first page (`newest` given) a notice once newer units arrive.
 */
export function UnitList(props: {
  context: DashboardContext
  kind: UnitKind
  /** The newest unit's id when this is the first page; undefined on later pages. */
  newest: string | null | undefined
  title: string
  empty: string
  headers: readonly string[]
  rows: Child[]
  next: string | null
  nextLabel: string
}) {
  const { context, kind, newest, title, empty, headers, rows, next, nextLabel } = props
  return (
    <section>
      <h1>{title}</h1>
      {newest === undefined ? null : (
        <ChangedNotice
          liveKey={`list:${kind}`}
          field="newest"
          initial={newest}
          text={`Newer ${PLURAL[kind]} arrived since this page was drawn.`}
          href={hrefOf(context.basePath, [PLURAL[kind]])}
          linkText="Show them"
        />
      )}
      {rows.length === 0 ? (
        <p class="empty">{empty}</p>
      ) : (
        <table class="units">
          <thead>
            <tr>
              {headers.map((header) => (
                <th scope="col">{header}</th>
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
