import { type JobSummary, summarizeJob } from '../domain/job-summary.js'
import type { QueueCounts } from '../domain/queue-item.js'
import { type StatusJson, StatusSnapshot } from '../domain/status-snapshot.js'
import { InvalidArgumentError } from '../errors/jobledger-error.js'
import type { GroupRecord, StageRecord } from '../store/stage-store.js'
import type { Store } from '../store/store.js'
import type { UnitKind } from '../store/unit-ref.js'

export interface ListOptions<K extends UnitKind = UnitKind> {
  kind: K
  /** Items per page, 1 to 1000; default 50. */
  limit?: number
  /** The cursor of the previous page; omit for the newest units. */
  cursor?: string | null
}

export interface JobListing {
  kind: 'job'
  id: string
  createdAt: number
  summary: JobSummary
}

export interface GroupListing {
  kind: 'group'
  id: string
  createdAt: number
  summary: GroupRecord & { stages: StageRecord[] }
}
export interface QueueListing {
  kind: 'queue'
  id: string
  createdAt: number
  /** Items per state. */
  summary: QueueCounts
}

export interface StatusListing {
  kind: 'status'
  id: string
  createdAt: number
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

type Summarize = (store: Store, ids: readonly string[]) => Promise<(UnitListing | null)[]>

const SUMMARIZERS: Partial<Record<UnitKind, Summarize>> = {
  job: async (store, ids) => {
    const records = await store.jobs.readJobs(ids)
    return records.map((record, i) => {
      const id = ids[i]!
      return record
        ? { kind: 'job', id, createdAt: record.createdAt, summary: summarizeJob(id, record) }
        : null
    })
  },
  group: async (store, ids) =>
    Promise.all(
      ids.map(async (id): Promise<GroupListing | null> => {
        const [record, stages] = await Promise.all([
          store.stages.readGroup(id),
          store.stages.readStages(id),
        ])
        return record
          ? { kind: 'group', id, createdAt: record.createdAt, summary: { ...record, stages } }
          : null
      }),
    ),
  status: async (store, ids) => {
    const records = await store.statuses.readStatuses(ids)
    return records.map((record, i): StatusListing | null => {
      if (!record) return null
      const snap = new StatusSnapshot(ids[i]!, record)
      const summary = { ...snap.toJSON(), ratio: snap.ratio }
      return { kind: 'status', id: snap.id, createdAt: record.createdAt, summary }
    })
  },
  queue: async (store, ids) => {
    const summaries = await Promise.all(ids.map((id) => store.queues.summary(id)))
    return summaries.map((summary, i) =>
      summary
        ? { kind: 'queue', id: ids[i]!, createdAt: summary.createdAt, summary: summary.counts }
        : null,
    )
  },
}

function validateLimit(limit: unknown): number {
  if (limit === undefined) return 50
  if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 1 || limit > 1000) {
    throw new InvalidArgumentError(`limit must be an integer from 1 to 1000, got ${String(limit)}.`)
  }
  return limit
}

/**
 * Lists live units of one kind, newest first, from the registry (never a keyspace scan).
 * Entries whose unit has expired are dropped from the registry as they are met.
 */
export async function listUnits<K extends UnitKind>(
  store: Store,
  options: ListOptions<K>,
): Promise<ListResult<K>> {
  const kind: unknown = options?.kind
  const summarize =
    typeof kind === 'string' && Object.hasOwn(SUMMARIZERS, kind)
      ? SUMMARIZERS[kind as UnitKind]
      : undefined
  if (!summarize) {
    throw new InvalidArgumentError(
      `kind must be one of ${Object.keys(SUMMARIZERS).join(', ')}, got ${String(options?.kind)}.`,
    )
  }
  const limit = validateLimit(options.limit)
  const items: ListingOf<K>[] = []
  let cursor = options.cursor ?? null
  do {
    const page = await store.registry.page(options.kind, cursor, limit - items.length)
    const listed = await summarize(
      store,
      page.entries.map((entry) => entry.id),
    )
    const expired = page.entries.filter((_, i) => listed[i] === null).map((entry) => entry.id)
    if (expired.length > 0) await store.registry.remove(options.kind, expired)
    // The summarizer of kind K only produces listings of kind K.
    items.push(...(listed.filter((item) => item !== null) as ListingOf<K>[]))
    cursor = page.cursor
  } while (cursor !== null && items.length < limit)
  return { items, cursor }
}
