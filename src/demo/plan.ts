/**
 * The demo's deterministic world: which items are skipped, which fail and how often, which
 * batch jobs crash on their first attempt. Everything follows from the seed, so a run's totals
 * can be predicted exactly (and are checked against what the ledger recorded).
 */

/** Share of items the import finds already imported (reported as skipped). */
export const SKIP_RATE = 0.02
/** Attempts an item gets inside its batch before it is recorded as errored. */
export const ITEM_ATTEMPTS = 3
/** Attempts a batch job gets on the queue (the first one may crash, the retry then runs). */
export const JOB_ATTEMPTS = 3
/** Batch jobs crash on their first attempt this many times as often as items fail. */
const CRASH_FACTOR = 5

export interface DemoSettings {
  items: number
  batchSize: number
  failRate: number
  seed: number
  /** Simulated work per item in microseconds, waited once per batch (the import's I/O). */
  workUs: number
}

/** The outcome planned for one item. */
export interface ItemPlan {
  skip: boolean
  /** How many attempts fail before one succeeds; ITEM_ATTEMPTS or more means it never does. */
  failingAttempts: number
}

export interface ExpectedTotals {
  items: number
  batches: number
  processed: number
  skipped: number
  /** Injected item failures that exhausted their attempts. */
  errored: number
  itemRetries: number
  /** Batch jobs that crash once and are retried through the queue. */
  jobRetries: number
}

/** A 32-bit hash (murmur3 finalizer) of the seed and the given numbers, as 0 ≤ u < 1. */
export function unitHash(seed: number, ...values: number[]): number {
  let h = seed >>> 0
  for (const value of values) {
    h = Math.imul(h ^ (value >>> 0), 0x9e3779b1)
    h ^= h >>> 16
    h = Math.imul(h, 0x85ebca6b)
    h ^= h >>> 13
    h = Math.imul(h, 0xc2b2ae35)
    h ^= h >>> 16
  }
  return (h >>> 0) / 2 ** 32
}

export function planItem(settings: DemoSettings, id: number): ItemPlan {
  const u = unitHash(settings.seed, 1, id)
  if (u < SKIP_RATE) return { skip: true, failingAttempts: 0 }
  if (u >= SKIP_RATE + settings.failRate) return { skip: false, failingAttempts: 0 }
  return {
    skip: false,
    failingAttempts: 1 + Math.floor(unitHash(settings.seed, 2, id) * ITEM_ATTEMPTS),
  }
}

/** True when the job importing batch `index` crashes on attempt `attempt` (the first only). */
export function batchCrashes(settings: DemoSettings, index: number, attempt: number): boolean {
  if (attempt > 1) return false
  return unitHash(settings.seed, 3, index) < Math.min(0.5, settings.failRate * CRASH_FACTOR)
}

/** The item ids of the import: 1..items. */
export function* itemIds(settings: DemoSettings): Generator<number> {
  for (let id = 1; id <= settings.items; id++) yield id
}

/** What a correct run must report, computed from the plan alone. */
export function expectedTotals(settings: DemoSettings): ExpectedTotals {
  const batches = Math.ceil(settings.items / settings.batchSize)
  const totals: ExpectedTotals = {
    items: settings.items,
    batches,
    processed: 0,
    skipped: 0,
    errored: 0,
    itemRetries: 0,
    jobRetries: 0,
  }
  for (const id of itemIds(settings)) {
    const plan = planItem(settings, id)
    if (plan.skip) totals.skipped++
    else if (plan.failingAttempts >= ITEM_ATTEMPTS) totals.errored++
    else totals.processed++
    totals.itemRetries += Math.min(plan.failingAttempts, ITEM_ATTEMPTS - 1)
  }
  for (let index = 0; index < batches; index++) {
    if (batchCrashes(settings, index, 1)) totals.jobRetries++
  }
  return totals
}
