import type { Ledger, ListingOf, UnitListing } from '../../index.js'
import type { Section } from '../output.js'

/** How a unit ended; null while it still runs. */
export type Ending = 'succeeded' | 'failed' | 'stopped'

/** One unit as `status` and `watch` show it, whatever its kind. */
export interface UnitView {
  kind: string
  id: string
  /** Exactly what `status --json` prints: the face's own snapshot. */
  json: unknown
  state: string
  done: number
  total: number
  ending: Ending | null
  /** Label/value lines for `status`. */
  details: [string, string][]
  /** Counts shown next to the progress bar of `watch`, e.g. `6 ok, 1 failed`. */
  counts: string
}

/** A row of `ls`. */
export interface ListRow {
  id: string
  /** The unit's name, or '' when it has none. */
  name: string
  state: string
  progress: string
  createdAt: number
}

/** True for a job or group whose details expired: only its compact summary is listed. */
function isCompact(item: UnitListing): boolean {
  return (item.kind === 'job' || item.kind === 'group') && item.summary.compact === true
}

/**
 * A viewer's `listRow` from what it says of a listing of its own kind (state and progress);
 * a listing of another kind is a programming error.
 */
export function listRowOf<K extends UnitListing['kind']>(
  kind: K,
  describe: (item: ListingOf<K>) => Pick<ListRow, 'state' | 'progress'>,
): (item: UnitListing) => ListRow {
  return (item) => {
    if (item.kind !== kind) throw new Error(`${kind} view cannot list a ${item.kind}`)
    const { state, progress } = describe(item as ListingOf<K>)
    const name = item.name === null || item.name === item.id ? '' : item.name
    const shown = isCompact(item) ? `${state} (compact summary)` : state
    return { id: item.id, name, state: shown, progress, createdAt: item.createdAt }
  }
}

/**
 * What the CLI knows about one kind of unit. A face joins the CLI by adding a viewer
 * to views/index.ts: `status`, `watch` and `ls` then show its units.
 */
export interface UnitViewer {
  kind: string
  /** The unit with this id, or null when no unit of this kind has it. */
  read(ledger: Ledger, id: string): Promise<UnitView | null>
  /** Extra sections for `status` (e.g. failures), read only when shown. */
  sections(ledger: Ledger, id: string): Promise<Section[]>
  listRow(item: UnitListing): ListRow
}
