import { LISTING_STATES } from '../../facades/listing.js'
import type { UnitKind } from '../../store/unit-ref.js'
import type { DashboardContext } from '../face.js'
import type { ListSearch } from '../list-query.js'
import { hrefOf } from './components.js'

/**
 * The search above a list: name prefix, state (kinds that have one), created from/to (dates,
 * UTC) and order. A GET form, so a search is a link; it is read from the registry's indexes.
 */
export function SearchForm(props: {
  context: DashboardContext
  kind: UnitKind
  path: string
  search: ListSearch
}) {
  const { context, kind, path, search } = props
  const states: readonly string[] = LISTING_STATES[kind]
  const id = (field: string) => `search-${kind}-${field}`
  return (
    <search>
      <form class="search" method="get" action={hrefOf(context.basePath, [path])}>
        <label for={id('name')}>Name starts with</label>
        <input
          id={id('name')}
          name="name"
          type="search"
          value={search.name ?? ''}
          maxlength={200}
        />
        {states.length === 0 ? null : (
          <>
            <label for={id('state')}>State</label>
            <select id={id('state')} name="state">
              <option value="">any</option>
              {states.map((state) => (
                <option value={state} selected={search.state === state}>
                  {state}
                </option>
              ))}
            </select>
          </>
        )}
        <label for={id('from')}>Created from</label>
        <input id={id('from')} name="from" type="date" value={dateValue(search.from)} />
        <label for={id('to')}>to</label>
        <input id={id('to')} name="to" type="date" value={dateValue(search.to)} />
        <label for={id('order')}>Order</label>
        <select id={id('order')} name="order">
          <option value="newest" selected={search.order !== 'oldest'}>
            newest first
          </option>
          <option value="oldest" selected={search.order === 'oldest'}>
            oldest first
          </option>
        </select>
        <button type="submit" class="plain">
          Search
        </button>
        {isFiltered(search) ? (
          <a class="clear" href={hrefOf(context.basePath, [path])}>
            Clear
          </a>
        ) : null}
      </form>
    </search>
  )
}

/** True when the search narrows the list (order alone does not). */
export function isFiltered(search: ListSearch): boolean {
  return (
    search.name !== undefined ||
    search.state !== undefined ||
    search.from !== undefined ||
    search.to !== undefined
  )
}

function dateValue(text: string | undefined): string {
  return text !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : ''
}
