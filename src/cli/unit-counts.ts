import type { Ledger, ListingOf, QueueCounts } from '../index.js'

/** Live units per kind, and the items of the queues, as the registry lists them. */
export interface UnitCounts {
  job: number
  status: number
  group: number
  queue: number
  queueItems: number
}

const KINDS = ['job', 'status', 'group', 'queue'] as const
const PLURALS: Record<(typeof KINDS)[number], string> = {
  job: 'jobs',
  status: 'statuses',
  group: 'groups',
  queue: 'queues',
}

function itemsIn(counts: QueueCounts): number {
  return counts.waiting + counts.running + counts.finished + counts.failed
}

/** Every live unit of one kind, a page of 1000 at a time. */
async function* allOf<K extends (typeof KINDS)[number]>(ledger: Ledger, kind: K) {
  let cursor: string | null = null
  do {
    const page: { items: ListingOf<K>[]; cursor: string | null } = await ledger.list({
      kind,
      limit: 1000,
      cursor,
    })
    yield* page.items
    cursor = page.cursor
  } while (cursor !== null)
}

/** Counts every live unit the registry lists (what `purge` is about to delete). */
export async function countUnits(ledger: Ledger): Promise<UnitCounts> {
  const counts: UnitCounts = { job: 0, status: 0, group: 0, queue: 0, queueItems: 0 }
  for (const kind of KINDS) {
    for await (const unit of allOf(ledger, kind)) {
      counts[kind]++
      if (unit.kind === 'queue') counts.queueItems += itemsIn(unit.summary)
    }
  }
  return counts
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`
}

/** `2 jobs, 1 status, 0 groups and 1 queue (2 items)`. */
export function describeUnitCounts(counts: UnitCounts): string {
  const parts = KINDS.map((kind) => plural(counts[kind], kind, PLURALS[kind]))
  const items = ` (${plural(counts.queueItems, 'item', 'items')})`
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}${items}`
}
