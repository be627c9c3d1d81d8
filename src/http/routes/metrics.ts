import type { CounterSample } from '../../observability/ledger-metrics.js'
import { COUNTER_HELP } from '../../observability/ledger-metrics.js'
import type { DashboardApp, DashboardContext } from '../face.js'
import { storeHealth } from './health.js'

type PromClient = typeof import('prom-client')

/** The counters under their Prometheus names. */
const COUNTER_NAMES: Record<CounterSample['name'], string> = {
  'parts.settled': 'jobledger_parts_settled_total',
  'items.settled': 'jobledger_items_settled_total',
  'queue.reclaims': 'jobledger_queue_reclaims_total',
  'dispatch.failures': 'jobledger_dispatch_failures_total',
  'store.errors': 'jobledger_store_errors_total',
}

function addCounters(
  prom: PromClient,
  registry: InstanceType<PromClient['Registry']>,
  samples: CounterSample[],
) {
  for (const [name, promName] of Object.entries(COUNTER_NAMES) as [
    CounterSample['name'],
    string,
  ][]) {
    const mine = samples.filter((sample) => sample.name === name)
    const labelNames = [...new Set(mine.flatMap((sample) => Object.keys(sample.attributes)))]
    const counter = new prom.Counter({
      name: promName,
      help: COUNTER_HELP[name],
      labelNames,
      registers: [registry],
    })
    if (labelNames.length === 0 && mine.length === 0) counter.inc(0)
    for (const sample of mine) counter.inc(sample.attributes, sample.value)
  }
}

async function addGauges(
  prom: PromClient,
  registry: InstanceType<PromClient['Registry']>,
  context: DashboardContext,
) {
  const health = await storeHealth(context)
  const up = new prom.Gauge({
    name: 'jobledger_store_up',
    help: 'Whether the store answered a read (1) or not (0).',
    registers: [registry],
  })
  up.set(health.status === 'ok' ? 1 : 0)
  if (health.status !== 'ok') return
  const ping = new prom.Gauge({
    name: 'jobledger_store_ping_seconds',
    help: 'Round trip of one read to the store.',
    registers: [registry],
  })
  ping.set(health.latencyMs / 1000)
  const items = new prom.Gauge({
    name: 'jobledger_queue_items',
    help: 'Items of each tracked queue by state (the newest 1000 queues).',
    labelNames: ['queue', 'state'],
    registers: [registry],
  })
  const { items: queues } = await context.ledger.list({ kind: 'queue', limit: 1000 })
  for (const queue of queues) {
    for (const [state, value] of Object.entries(queue.summary))
      items.set({ queue: queue.id, state }, value)
  }
}

/**
 * GET /metrics   Prometheus text exposition: the ledger's counters from this process
 * (`jobledger_*_total`), queue items per state, and whether the store answers
 * (`jobledger_store_up`, `jobledger_store_ping_seconds`). prom-client is loaded on the first
 * scrape, so the dashboard costs nothing for it until then.
 */
export function metricsRoute(app: DashboardApp, context: DashboardContext): void {
  let loaded: Promise<PromClient> | null = null
  app.get('/metrics', async (c) => {
    loaded ??= import('prom-client')
    const prom = await loaded
    const registry = new prom.Registry()
    addCounters(prom, registry, context.ledger.counters())
    await addGauges(prom, registry, context)
    return c.body(await registry.metrics(), 200, {
      'Content-Type': registry.contentType,
      'Cache-Control': 'no-store',
    })
  })
}
