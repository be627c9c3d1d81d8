import type { ListingState, ListOptions } from '../facades/listing.js'
import { parseTimeText } from '../facades/time-text.js'
import type { UnitKind } from '../store/unit-ref.js'
import { limitParam } from './paging.js'

/** The search fields of a list page or `GET /api/units`, as given in the query string. */
export interface ListSearch {
  name?: string
  state?: string
  from?: string
  to?: string
  order?: string
}

type Query = (name: string) => string | undefined

/** The search fields of a request (empty fields are absent). */
export function listSearchOf(query: Query): ListSearch {
  const search: ListSearch = {}
  for (const field of ['name', 'state', 'from', 'to', 'order'] as const) {
    const value = query(field)?.trim()
    if (value) search[field] = value
  }
  return search
}

/** ListOptions from a request's query: kind given, the rest from `?limit=&cursor=&name=…`. */
export function listOptionsOf<K extends UnitKind>(kind: K, query: Query): ListOptions<K> {
  const search = listSearchOf(query)
  const limit = limitParam(query('limit'))
  const options: ListOptions<K> = { kind, cursor: query('cursor') ?? null }
  if (limit !== undefined) options.limit = limit
  if (search.name !== undefined) options.name = search.name
  if (search.state !== undefined) options.state = search.state as ListingState<K>
  if (search.order !== undefined) options.order = search.order as 'newest'
  if (search.from !== undefined) options.createdFrom = parseTimeText(search.from, 'from')
  if (search.to !== undefined) options.createdTo = parseTimeText(search.to, 'to', true)
  return options
}
