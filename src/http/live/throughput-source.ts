import { InvalidArgumentError } from '../../errors/jobledger-error.js'
import type { Ledger } from '../../ledger.js'
import type { LiveSource } from './live-source.js'

/** Samples kept: at the hub's default (every 5 s) about five minutes. */
const SAMPLES = 60
/** Newest units of each kind compared per sample, as many as the overview cards count. */
const UNITS_SAMPLED = 1000
export const SPARK_WIDTH = 300
export const SPARK_HEIGHT = 60

export interface Throughput {
  /** Settled per second in each sampled interval, oldest first. */
  series: number[]
  last: number
  max: number
  /** The series as SVG polyline points in a SPARK_WIDTH × SPARK_HEIGHT box. */
  points: string
}

/**
 * Parts of jobs and items of queues settled per second, sampled by the live hub's shared
 * timer while someone watches `throughput:settled`. Each sample compares every sampled unit
 * with its previous count, so units that appear or expire between samples do not skew it;
 * units beyond the overview's sample size are not counted.
 */
export class ThroughputSampler {
  readonly #ledger: Ledger
  #previous: Map<string, number> | null = null
  #previousAt = 0
  readonly #series: number[] = []

  constructor(ledger: Ledger) {
    this.#ledger = ledger
  }

  source(): LiveSource {
    return {
      name: 'throughput',
      everyTicks: 5,
      validate: (id) => {
        if (id !== 'settled')
          throw new InvalidArgumentError('The only throughput key is throughput:settled.')
      },
      read: async (ids) => {
        const value = await this.sample()
        return ids.map(() => value)
      },
    }
  }

  current(): Throughput {
    const max = Math.max(0, ...this.#series)
    return {
      series: [...this.#series],
      last: this.#series.at(-1) ?? 0,
      max,
      points: pointsOf(this.#series, max),
    }
  }

  async sample(): Promise<Throughput> {
    const counts = await this.#settledByUnit()
    const at = Date.now()
    if (this.#previous !== null && at > this.#previousAt) {
      let settled = 0
      for (const [unit, count] of counts)
        settled += Math.max(0, count - (this.#previous.get(unit) ?? 0))
      this.#series.push(Math.round((settled * 1000 * 10) / (at - this.#previousAt)) / 10)
      if (this.#series.length > SAMPLES) this.#series.shift()
    }
    this.#previous = counts
    this.#previousAt = at
    return this.current()
  }

  async #settledByUnit(): Promise<Map<string, number>> {
    const [jobs, queues] = await Promise.all([
      this.#ledger.list({ kind: 'job', limit: UNITS_SAMPLED }),
      this.#ledger.list({ kind: 'queue', limit: UNITS_SAMPLED }),
    ])
    const counts = new Map<string, number>()
    for (const job of jobs.items)
      counts.set(`job:${job.id}`, job.summary.succeeded + job.summary.failed)
    for (const queue of queues.items)
      counts.set(`queue:${queue.id}`, queue.summary.finished + queue.summary.failed)
    return counts
  }
}

function pointsOf(series: readonly number[], max: number): string {
  if (series.length === 0) return ''
  const step = SPARK_WIDTH / Math.max(1, SAMPLES - 1)
  const offset = (SAMPLES - series.length) * step
  return series
    .map((value, i) => {
      const y = SPARK_HEIGHT - 2 - (max > 0 ? (value / max) * (SPARK_HEIGHT - 4) : 0)
      return `${Math.round(offset + i * step)},${Math.round(y)}`
    })
    .join(' ')
}
