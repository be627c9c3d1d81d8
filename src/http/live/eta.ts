import type { Ledger } from '../../ledger.js'
import { describeDuration } from '../pages/time.js'

/** Progress is compared over this much recent time for the rate. */
const WINDOW_MS = 60_000
/** Samples closer than this to the previous kept one replace the newest instead. */
const SAMPLE_SPACING_MS = 2_000
/** The rate needs samples at least this far apart to count as "recent". */
const MIN_SPAN_MS = 2_000
/** Units followed at once; beyond it the least recently seen are forgotten. */
const MAX_UNITS = 10_000

interface Sample {
  at: number
  done: number
}

export interface Eta {
  /** Time left at the rate, in whole seconds of ms; null when progress stalled. */
  ms: number | null
  /** Units of progress per second that `ms` assumes. */
  perSecond: number
  /** 'recent': over the last minute the dashboard watched; 'average': since the unit started. */
  basis: 'recent' | 'average'
  text: string
}

export interface Progress {
  done: number
  total: number | null
  /** When the work started, for the average rate; null: only a recent rate gives an ETA. */
  startedAt: number | null
  /** True once the unit ended: it has no ETA. */
  ended: boolean
}

/**
 * Recent progress of the units the dashboard reads (pages and live ticks), to tell how long
 * the rest will take. Bounded: a minute of samples spaced ≥ 2 s per unit, at most 10,000
 * units; one book per ledger, shared by its dashboards.
 */
export class RateBook {
  readonly #samples = new Map<string, Sample[]>()

  /** Records `done` of `key` at `at` and answers the ETA, or null when there is none. */
  eta(key: string, at: number, progress: Progress): Eta | null {
    const recent = progress.ended ? null : this.#observe(key, at, progress.done)
    if (progress.ended) this.#samples.delete(key)
    return etaOf(progress, at, recent)
  }

  #observe(key: string, at: number, done: number): number | null {
    let samples = this.#samples.get(key)
    this.#samples.delete(key)
    if (!samples || (samples.at(-1)?.done ?? 0) > done) samples = []
    const last = samples.at(-1)
    const beforeLast = samples.at(-2)
    if (last && beforeLast && at - beforeLast.at < SAMPLE_SPACING_MS) samples.pop()
    samples.push({ at, done })
    while (samples.length > 1 && at - samples[0]!.at > WINDOW_MS) samples.shift()
    this.#samples.set(key, samples)
    if (this.#samples.size > MAX_UNITS) this.#samples.delete(this.#samples.keys().next().value!)
    const first = samples[0]!
    const span = at - first.at
    return span >= MIN_SPAN_MS ? ((done - first.done) * 1000) / span : null
  }
}

const books = new WeakMap<Ledger, RateBook>()

/** The rate book of a ledger's dashboards. */
export function ratesOf(ledger: Ledger): RateBook {
  let book = books.get(ledger)
  if (!book) {
    book = new RateBook()
    books.set(ledger, book)
  }
  return book
}

/** The ETA at the recent rate when known, else at the average rate since the start. */
export function etaOf(progress: Progress, now: number, recentPerSecond: number | null): Eta | null {
  const { done, total, startedAt, ended } = progress
  if (ended || total === null || total <= 0 || done >= total) return null
  const elapsed = startedAt === null ? 0 : now - startedAt
  const average = elapsed > 0 && done > 0 ? (done * 1000) / elapsed : null
  const perSecond = recentPerSecond ?? average
  if (perSecond === null) return null
  const basis = recentPerSecond === null ? 'average' : 'recent'
  if (perSecond <= 0) {
    return { ms: null, perSecond: 0, basis, text: 'stalled: no progress lately' }
  }
  const ms = Math.max(1, Math.round((total - done) / perSecond)) * 1000
  const rate = perSecond >= 10 ? Math.round(perSecond) : Math.round(perSecond * 10) / 10
  return { ms, perSecond: rate, basis, text: `≈ ${describeDuration(ms)} left at ${rate}/s` }
}
