import { validateId } from '../domain/ids.js'
import { summaryFromCompact } from '../domain/job-compact.js'
import { type JobSummary, summarizeJob } from '../domain/job-summary.js'
import type { QueueCounts } from '../domain/queue-item.js'
import { encodeRegistryCursor, type RegistryEntry } from '../domain/registry-query.js'
import { type StatusJson, StatusSnapshot } from '../domain/status-snapshot.js'
import { InvalidArgumentError } from '../errors/jobledger-error.js'
import type { RegistryNames } from '../store/registry-store.js'
import type { GroupRecord, StageRecord } from '../store/stage-store.js'
import type { Store } from '../store/store.js'
import type { UnitKind } from '../store/unit-ref.js'
import { LISTING_STATES, type ListOptions, type ListQuery, listQueryOf } from './listing-options.js'

export type { ListingState, ListOptions } from './listing-options.js'
export { LISTING_STATES } from './listing-options.js'

interface ListingBase {
  id: string
  createdAt: number
  /** The unit's display name, null when it was created without one. */
  name: string | null
  description: string | null
}

export interface JobListing extends ListingBase {
  kind: 'job'
  summary: JobSummary
}

/** A group's record with its stages' (none once only the compact summary is left). */
export type GroupWithStages = GroupRecord & { stages: StageRecord[] }

export interface GroupListing extends ListingBase {
  kind: 'group'
  summary: GroupWithStages
}
export interface QueueListing extends ListingBase {
  kind: 'queue'
  /** Items per state. */
  summary: QueueCounts
}

export interface StatusListing extends ListingBase {
  kind: 'status'
  /** The status's JSON (as `JSON.stringify(snapshot)`), plus its ratio. */
  summary: StatusJson & { ratio: number }
}

export type UnitListing = JobListing | GroupListing | StatusListing | QueueListing

/** The listing type of one kind of unit. */
export type ListingOf<K extends UnitKind> = Extract<UnitListing, { kind: K }>

export interface ListResult<K extends UnitKind = UnitKind> {
  items: ListingOf<K>[]
  /** Pass as `cursor` for the next page; null on the last page. */
  cursor: string | null
}

type Summarize = (
  store: Store,
  entries: readonly RegistryEntry[],
) => Promise<(UnitListing | null)[]>

const SUMMARIZERS: Record<UnitKind, Summarize> = {
  job: async (store, entries) => {
    const summaries = await readJobSummaries(store, entries)
    return summaries.map((summary): JobListing | null => {
      if (!summary) return null
      const { token: id, createdAt, name, description } = summary
      return { kind: 'job', id, createdAt, name, description, summary }
    })
  },
  group: async (store, entries) =>
    Promise.all(
      entries.map(async ({ id }): Promise<GroupListing | null> => {
        const summary = await readGroupSummary(store, id)
        if (!summary) return null
        const { createdAt, name, description } = summary
        return { kind: 'group', id, createdAt, name, description, summary }
      }),
    ),
  status: async (store, entries) => {
    const records = await store.statuses.readStatuses(entries.map((entry) => entry.id))
    return records.map((record, i): StatusListing | null => {
      if (!record) return null
      const { name, description } = entries[i]!
      const snap = new StatusSnapshot(entries[i]!.id, record)
      const summary = { ...snap.toJSON(), ratio: snap.ratio }
      return {
        kind: 'status',
        id: snap.id,
        createdAt: record.createdAt,
        name,
        description,
        summary,
      }
    })
  },
  queue: async (store, entries) => {
    const summaries = await Promise.all(entries.map((entry) => store.queues.summary(entry.id)))
    return summaries.map((summary, i): QueueListing | null => {
      if (!summary) return null
      const { id, name, description } = entries[i]!
      return {
        kind: 'queue',
        id,
        createdAt: summary.createdAt,
        name,
        description,
        summary: summary.counts,
      }
    })
  },
}

/** Jobs' summaries in one read; a job whose details expired by its compact summary (one more read). */
async function readJobSummaries(
  store: Store,
  entries: readonly RegistryEntry[],
): Promise<(JobSummary | null)[]> {
  const records = await store.jobs.readJobs(entries.map((entry) => entry.id))
  return Promise.all(
    records.map(async (record, i) => {
      const id = entries[i]!.id
      if (record) return summarizeJob(id, record)
      const compact = await store.jobs.readCompact(id)
      return compact ? summaryFromCompact(compact) : null
    }),
  )
}

/**
 * A group's record with its stages' records; once only its compact summary is left, that
 * (`compact: true`, no stages); null when neither is left.
 */
export async function readGroupSummary(store: Store, id: string): Promise<GroupWithStages | null> {
  const [record, stages] = await Promise.all([
    store.stages.readGroup(id),
    store.stages.readStages(id),
  ])
  return record ? { ...record, stages: record.compact ? [] : stages } : null
}

/** Units read past the cursor per page when filtering by state. */
export const STATE_SCAN = 500

/** Whether a listing is in `state` (a job's state, or a finished job's outcome). */
export function isInState(item: UnitListing, state: string): boolean {
  switch (item.kind) {
    case 'job':
      return (
        item.summary.state === state ||
        (item.summary.outcome === state && item.summary.state === 'finished')
      )
    case 'group':
      return item.summary.state === state
    case 'status':
      return item.summary.status === state
    case 'queue':
      return false
  }
}

/**
 * Lists live units of one kind from the registry's indexes (never a keyspace scan), newest
 * or oldest first, filtered by name prefix, creation range and state. Entries whose unit has
 * expired are dropped from the registry as they are met.
 */
export async function listUnits<K extends UnitKind>(
  store: Store,
  options: ListOptions<K>,
): Promise<ListResult<K>> {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new InvalidArgumentError("list needs options { kind }, e.g. { kind: 'job' }.")
  const query = listQueryOf(options)
  const result =
    query.state === null ? await listAll(store, query) : await listInState(store, query)
  // The summarizer of kind K only produces listings of kind K.
  return { items: result.items as ListingOf<K>[], cursor: result.cursor }
}

async function listAll(store: Store, query: ListQuery): Promise<ListResult> {
  const items: UnitListing[] = []
  let cursor = query.cursor
  do {
    const page = await store.registry.page(
      query.kind,
      cursor,
      query.limit - items.length,
      query.filter,
    )
    items.push(...(await summarizeLive(store, query.kind, page.entries)))
    cursor = page.cursor
  } while (cursor !== null && items.length < query.limit)
  return { items, cursor }
}

/** One bounded over-read: STATE_SCAN entries past the cursor, those in the state kept. */
async function listInState(store: Store, query: ListQuery): Promise<ListResult> {
  const page = await store.registry.page(query.kind, query.cursor, STATE_SCAN, query.filter)
  const live = await summarizeLive(store, query.kind, page.entries)
  const matching = live.filter((item) => isInState(item, query.state!))
  if (matching.length <= query.limit) return { items: matching, cursor: page.cursor }
  const items = matching.slice(0, query.limit)
  const last = page.entries.find((entry) => entry.id === items.at(-1)!.id)!
  return { items, cursor: encodeRegistryCursor(last) }
}

async function summarizeLive(
  store: Store,
  kind: UnitKind,
  entries: readonly RegistryEntry[],
): Promise<UnitListing[]> {
  const listed = await SUMMARIZERS[kind](store, entries)
  const expired = entries.filter((_, i) => listed[i] === null).map((entry) => entry.id)
  if (expired.length > 0) await store.registry.remove(kind, expired)
  return listed.filter((item) => item !== null)
}

/** The name and description a unit was registered with; null when it is not listed. */
export async function unitNames(
  store: Store,
  kind: UnitKind,
  id: string,
): Promise<RegistryNames | null> {
  if (!Object.hasOwn(LISTING_STATES, kind))
    throw new InvalidArgumentError(
      `kind must be one of job, status, group, queue, got ${String(kind)}.`,
    )
  const entry = await store.registry.entry(kind, validateId(id, `${kind} id`))
  return entry ? { name: entry.name, description: entry.description } : null
}
