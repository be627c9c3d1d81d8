import { NotFoundError } from '../../errors/jobledger-error.js'
import type { Job } from '../../facades/job.js'
import type { DashboardApp, DashboardContext } from '../face.js'

/** Pages of failures (or errored items) read to group them; beyond it the answer is partial. */
const PAGES = 10
const PAGE_SIZE = 1000
/** Reasons listed, most frequent first; the rest are counted together. */
const TOP = 20
/** Example parts (or items) kept per reason. */
const EXAMPLES = 5

export interface ReasonGroup {
  reason: string
  count: number
  /** The first few parts (or item ids) that failed for this reason. */
  examples: string[]
}

export interface ReasonGroups {
  groups: ReasonGroup[]
  /** Reasons beyond the TOP listed, and how many failures they hold. */
  otherReasons: number
  otherCount: number
  /** Failures read; `partial` when there were more than the pages read. */
  scanned: number
  partial: boolean
}

export interface FailureReasons {
  /** Failed parts by reason. */
  parts: ReasonGroups
  /** Errored batch items by message. */
  items: ReasonGroups
}

/**
 * GET /api/jobs/:token/failure-reasons   the job's failed parts grouped by reason and its
 *     errored batch items grouped by message, with counts, most frequent first; each reads at
 *     most 10 pages of 1,000 (`partial: true` beyond).
 */
export function failureReasonsApi(api: DashboardApp, context: DashboardContext): void {
  api.get('/jobs/:token/failure-reasons', async (c) => {
    const job = context.ledger.job(c.req.param('token'))
    if (!(await job.summary()))
      throw new NotFoundError(`Job ${job.token} does not exist or has expired.`)
    return c.json(await readFailureReasons(job))
  })
}

export async function readFailureReasons(job: Job): Promise<FailureReasons> {
  const [parts, items] = await Promise.all([partReasons(job), itemReasons(job)])
  return { parts, items }
}

async function partReasons(job: Job): Promise<ReasonGroups> {
  const groups = new Grouping()
  let cursor: string | null = null
  for (let page = 0; page < PAGES; page++) {
    const read = await job.failures({ cursor, limit: PAGE_SIZE })
    for (const failure of read.failures) groups.add(failure.reason, failure.part)
    cursor = read.cursor
    if (cursor === null) break
  }
  return groups.result(cursor !== null)
}

async function itemReasons(job: Job): Promise<ReasonGroups> {
  const groups = new Grouping()
  let cursor: string | null = null
  for (let page = 0; page < PAGES; page++) {
    const read = await job.outcomes('errored', { cursor, limit: PAGE_SIZE })
    for (const entry of read.entries)
      groups.add(entry.message ?? '(no message)', `${entry.batch}/${entry.id}`, entry.id)
    cursor = read.cursor
    if (cursor === null) break
  }
  return groups.result(cursor !== null)
}

class Grouping {
  readonly #byReason = new Map<string, ReasonGroup>()
  readonly #seen = new Set<string>()

  /** Counts `key` under `reason` once, however many pages it appears on. */
  add(reason: string, key: string, example = key): void {
    if (this.#seen.has(key)) return
    this.#seen.add(key)
    let group = this.#byReason.get(reason)
    if (!group) {
      group = { reason, count: 0, examples: [] }
      this.#byReason.set(reason, group)
    }
    group.count++
    if (group.examples.length < EXAMPLES) group.examples.push(example)
  }

  result(partial: boolean): ReasonGroups {
    const sorted = [...this.#byReason.values()].sort((a, b) => b.count - a.count)
    const other = sorted.slice(TOP)
    return {
      groups: sorted.slice(0, TOP),
      otherReasons: other.length,
      otherCount: other.reduce((n, group) => n + group.count, 0),
      scanned: this.#seen.size,
      partial,
    }
  }
}
