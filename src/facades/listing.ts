import { type JobSummary, summarizeJob } from '../domain/job-summary.js'
import type { QueueCounts } from '../domain/queue-item.js'
import { InvalidArgumentError } from '../errors/jobledger-error.js'
import type { Store } from '../store/store.js'
import type { UnitKind } from '../store/unit-ref.js'

export interface ListOptions {
  kind: UnitKind
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

export interface QueueListing {
  kind: 'queue'
  id: string
  createdAt: number
  counts: QueueCounts
}

export type UnitListing = JobListing | QueueListing

export interface ListResult {
  items: UnitListing[]
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
  queue: async (store, ids) => {
    const summaries = await Promise.all(ids.map((id) => store.queues.summary(id)))
    return summaries.map((summary, i) =>
      summary
        ? { kind: 'queue', id: ids[i]!, createdAt: summary.createdAt, counts: summary.counts }
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
export async function listUnits(store: Store, options: ListOptions): Promise<ListResult> {
  const summarize = SUMMARIZERS[options?.kind]
  if (!summarize) {
    throw new InvalidArgumentError(
      `kind must be one of ${Object.keys(SUMMARIZERS).join(', ')}, got ${String(options?.kind)}.`,
    )
  }
  const limit = validateLimit(options.limit)
  const items: UnitListing[] = []
  let cursor = options.cursor ?? null
  do {
    const page = await store.registry.page(options.kind, cursor, limit - items.length)
    const listed = await summarize(
      store,
      page.entries.map((entry) => entry.id),
    )
    const expired = page.entries.filter((_, i) => listed[i] === null).map((entry) => entry.id)
    if (expired.length > 0) await store.registry.remove(options.kind, expired)
    items.push(...listed.filter((item): item is UnitListing => item !== null))
    cursor = page.cursor
  } while (cursor !== null && items.length < limit)
  return { items, cursor }
}
