import { InvalidArgumentError } from '../../errors/jobledger-error.js'
import type { JobListing } from '../../facades/listing.js'
import type { Ledger } from '../../ledger.js'
import { type ThroughputChart, throughputChart } from '../pages/throughput-chart.js'
import type { LiveSource } from './live-source.js'
import {
  THROUGHPUT_RANGES,
  ThroughputHistory,
  type ThroughputPoint,
  type ThroughputRange,
} from './throughput-history.js'

/** Newest units of each kind compared per sample, as many as the overview cards count. */
const UNITS_SAMPLED = 1000
/** Samples closer together than this (two dashboards on one ledger) are skipped. */
const MIN_SPACING_MS = 250
/** A gap longer than this (nobody had a page open) starts afresh instead of averaging it. */
const MAX_GAP_MS = 60_000

/** What one unit had settled when it was last sampled. */
interface UnitCount {
  parts: number
  items: number
  finished: boolean
  createdAt: number
}

/** What a unit created since the previous sample had settled before it: nothing. */
const NOTHING: UnitCount = { parts: 0, items: 0, finished: false, createdAt: 0 }

/**
 * Items and parts settled per second, kept in this process. The live hub's shared timer
 * calls `sample()` every fifth tick while any page is open: each sample compares the newest
 * 1,000 jobs and queues with what they had settled before, counting batch items with an
 * outcome and queue items finished or failed as items, and job parts settled as parts. A unit
 * created since the previous sample counts all it settled; one first seen otherwise (it was
 * beyond the sample) and one that expired count nothing, so they do not skew it; units
 * beyond the sample are not counted. One sampler per ledger, shared by its dashboards.
 */
export class ThroughputSampler {
  readonly #ledger: Ledger
  readonly #history = new ThroughputHistory()
  #previous: Map<string, UnitCount> | null = null
  #previousAt = 0
  #sampling: Promise<void> | null = null

  constructor(ledger: Ledger) {
    this.#ledger = ledger
  }

  /**
   * `throughput:5m` and `throughput:1h` (`throughput:settled` is 5m): the chart of the range,
   * redrawn after each sample.
   */
  source(): LiveSource {
    return {
      name: 'throughput',
      everyTicks: 5,
      validate: (id) => void rangeOfKey(id),
      tick: () => this.sample(),
      read: async (ids) => ids.map((id) => this.current(rangeOfKey(id))),
    }
  }

  /** The chart of `range` as of now. */
  current(range: ThroughputRange = '5m'): ThroughputChart {
    return throughputChart(range, this.points(range))
  }

  points(range: ThroughputRange): ThroughputPoint[] {
    return this.#history.points(range, this.#ledger.now())
  }

  /** Reads the units once and adds what settled since the previous sample. */
  sample(): Promise<void> {
    this.#sampling ??= this.#sample().finally(() => {
      this.#sampling = null
    })
    return this.#sampling
  }

  async #sample(): Promise<void> {
    const at = this.#ledger.now()
    if (this.#previous !== null && at - this.#previousAt < MIN_SPACING_MS) return
    const counts = await this.#settledByUnit()
    const previous = this.#previous
    if (previous !== null && at > this.#previousAt && at - this.#previousAt <= MAX_GAP_MS) {
      let items = 0
      let parts = 0
      for (const [unit, count] of counts) {
        const before = previous.get(unit) ?? (count.createdAt > this.#previousAt ? NOTHING : null)
        if (!before) continue
        items += Math.max(0, count.items - before.items)
        parts += Math.max(0, count.parts - before.parts)
      }
      this.#history.add(this.#previousAt, at, { items, parts })
    }
    this.#previous = counts
    this.#previousAt = at
  }

  async #settledByUnit(): Promise<Map<string, UnitCount>> {
    const [jobs, queues] = await Promise.all([
      this.#ledger.list({ kind: 'job', limit: UNITS_SAMPLED }),
      this.#ledger.list({ kind: 'queue', limit: UNITS_SAMPLED }),
    ])
    const counts = new Map<string, UnitCount>()
    const items = await this.#batchItems(jobs.items)
    for (const job of jobs.items) {
      const parts = job.summary.succeeded + job.summary.failed
      const finished = job.summary.state === 'finished'
      const count = { parts, items: items.get(job.id) ?? 0, finished, createdAt: job.createdAt }
      counts.set(`job:${job.id}`, count)
    }
    for (const queue of queues.items) {
      const settled = queue.summary.finished + queue.summary.failed
      counts.set(`queue:${queue.id}`, {
        parts: 0,
        items: settled,
        finished: false,
        createdAt: queue.createdAt,
      })
    }
    return counts
  }

  /**
   * Batch items with an outcome per job, read only where they can have moved: jobs still
   * running, and jobs whose parts moved since the previous sample (a batch's report settles
   * its part); the others keep the count they had.
   */
  async #batchItems(jobs: readonly JobListing[]): Promise<Map<string, number>> {
    const items = new Map<string, number>()
    const reread: string[] = []
    for (const job of jobs) {
      const before = this.#previous?.get(`job:${job.id}`)
      const parts = job.summary.succeeded + job.summary.failed
      if (before?.finished && before.parts === parts) items.set(job.id, before.items)
      else if (!before && job.summary.state === 'finished' && job.createdAt <= this.#previousAt)
        items.set(job.id, 0)
      else reread.push(job.id)
    }
    const reports = await Promise.all(reread.map((token) => this.#ledger.job(token).report()))
    for (const [i, token] of reread.entries()) {
      const report = reports[i]
      items.set(token, report ? report.processed + report.skipped + report.errored : 0)
    }
    return items
  }
}

function rangeOfKey(id: string): ThroughputRange {
  if (id === 'settled') return '5m'
  if (Object.hasOwn(THROUGHPUT_RANGES, id)) return id as ThroughputRange
  throw new InvalidArgumentError(
    `Throughput keys are throughput:5m and throughput:1h (throughput:settled is 5m), got throughput:${id}.`,
  )
}

const samplers = new WeakMap<Ledger, ThroughputSampler>()

/** The sampler of a ledger, shared by every dashboard over it. */
export function throughputOf(ledger: Ledger): ThroughputSampler {
  let sampler = samplers.get(ledger)
  if (!sampler) {
    sampler = new ThroughputSampler(ledger)
    samplers.set(ledger, sampler)
  }
  return sampler
}
