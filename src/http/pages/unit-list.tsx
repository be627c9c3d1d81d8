import type { Child } from 'hono/jsx'
import type { ListingOf } from '../../facades/listing.js'
import type { UnitKind } from '../../store/unit-ref.js'
import type { DashboardContext } from '../face.js'
import { type ListSearch, listOptionsOf, listSearchOf } from '../list-query.js'
import { ChangedNotice, hrefOf, NextPage } from './components.js'
import { isFiltered, SearchForm } from './search-form.js'

/** Units a listing page shows at once. */
const LIST_PAGE_SIZE = 50

export interface ListPage<K extends UnitKind> {
  items: ListingOf<K>[]
  next: string | null
  /** The newest unit's id on an unfiltered first page, newest first; else undefined. */
  newest: string | null | undefined
  search: ListSearch
}

/**
 * One page of live units of a kind as the request's query asks (cursor and search), with
 * the link to the page after it (keeping the search) and, on an unfiltered first page, the
 * newest unit's id (so the page can tell when newer ones arrive).
 */
export async function readListPage<K extends UnitKind>(
  context: DashboardContext,
  kind: K,
  path: string,
  query: (name: string) => string | undefined,
): Promise<ListPage<K>> {
  const options = { ...listOptionsOf(kind, query), limit: LIST_PAGE_SIZE }
  const search = listSearchOf(query)
  const result = await context.ledger.list(options)
  const kept: Record<string, string> = { ...search }
  const next =
    result.cursor === null
      ? null
      : hrefOf(context.basePath, [path], { ...kept, cursor: result.cursor })
  const first = options.cursor === null && !isFiltered(search) && search.order !== 'oldest'
  const newest = first ? (result.items[0]?.id ?? null) : undefined
  return { items: result.items, next, newest, search }
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
  /** The search the page was drawn with; shows the search form. */
  search?: ListSearch
}) {
  const { context, kind, newest, title, empty, headers, rows, next, nextLabel, search } = props
  const empties =
    search && isFiltered(search) ? `No live ${PLURAL[kind]} match this search.` : empty
  return (
    <section>
      <h1>{title}</h1>
      {search ? (
        <SearchForm context={context} kind={kind} path={PLURAL[kind]} search={search} />
      ) : null}
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
        <p class="empty">{empties}</p>
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

/** A unit's link in a list: its name when it has one, its id always (as the token). */
export function UnitLink(props: { href: string; id: string; name: string | null }) {
  const { href, id, name } = props
  return (
    <a class="unit-link" href={href}>
      {name === null ? null : <span class="unit-name">{name}</span>}
      <span class="token">{id}</span>
    </a>
  )
}
