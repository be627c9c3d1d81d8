import type { CounterName, MetricDelta } from './store-results.js'
import type { CounterLike, MeterLike } from './telemetry-types.js'

/** One counter with one set of attributes, as counted by this process. */
export interface CounterSample {
  name: CounterName
  attributes: Record<string, string>
  value: number
}

/** What each counter counts (OpenTelemetry descriptions, Prometheus HELP). */
export const COUNTER_HELP: Record<CounterName, string> = {
  'parts.settled': 'Parts settled by this process (job parts, staged jobs), by face and outcome.',
  'items.settled': 'Batch items counted by trackers in this process, by outcome.',
  'queue.reclaims': 'Expired queue leases reclaimed by this process, by result.',
  'dispatch.failures': 'Staged jobs whose dispatch threw in this process.',
  'store.errors': 'Store operations that failed in this process, by operation.',
}

/** Extractors build attributes in a fixed key order, so their JSON identifies the series. */
function keyOf(name: CounterName, attributes: Record<string, string>): string {
  return `${name}${JSON.stringify(attributes)}`
}

/**
 * The ledger's counters: kept in process (for the dashboard's /metrics), and added to an
 * OpenTelemetry meter's counters when one is given (`jobledger.parts.settled`, …).
 */
export class LedgerMetrics {
  readonly #samples = new Map<string, CounterSample>()
  readonly #counters = new Map<CounterName, CounterLike>()

  constructor(meter: MeterLike | null) {
    if (!meter) return
    for (const [name, description] of Object.entries(COUNTER_HELP) as [CounterName, string][]) {
      this.#counters.set(name, meter.createCounter(`jobledger.${name}`, { description }))
    }
  }

  add({ metric, value, attributes }: MetricDelta): void {
    const key = keyOf(metric, attributes)
    const sample = this.#samples.get(key)
    if (sample) sample.value += value
    else this.#samples.set(key, { name: metric, attributes, value })
    this.#counters.get(metric)?.add(value, attributes)
  }

  /** Every counter seen so far, with its attributes and value. */
  samples(): CounterSample[] {
    return [...this.#samples.values()].map((sample) => ({ ...sample }))
  }
}
