import { validatePart } from '../domain/ids.js'
import { countsFromCompact, summaryFromCompact } from '../domain/job-compact.js'
import { compactJobStatusSnapshot, itemProgress, jobStatusSnapshot } from '../domain/job-status.js'
import { type JobSummary, summarizeJob } from '../domain/job-summary.js'
import type { StatusSnapshot } from '../domain/status-snapshot.js'
import type { PartFailure } from '../store/job-store.js'
import type { Store } from '../store/store.js'
import { type RegisteredCallbacks, readJobCallbacks } from './callback-reads.js'
import type { JobReport } from './job-batches.js'
import {
  type FailuresOptions,
  type FailuresPage,
  iterateFailures,
  readFailures,
} from './job-failures.js'

/** The reads of one job; none of them writes (or refreshes anything). */
export class JobReads {
  readonly #store: Store
  readonly #token: string

  constructor(store: Store, token: string) {
    this.#store = store
    this.#token = token
  }

  /** Its callbacks at `scope` per signal, with those still due (see readJobCallbacks). */
  callbacks(scope: string): Promise<RegisteredCallbacks[]> {
    return readJobCallbacks(this.#store, this.#token, scope)
  }

  async isOpenPart(part: string | number): Promise<boolean> {
    return this.#store.jobs.isOpenPart(this.#token, validatePart(part))
  }

  /** The job's summary, else its compact summary once the details expired, else null. */
  async summary(): Promise<JobSummary | null> {
    const record = await this.#store.jobs.readJob(this.#token)
    if (record) return summarizeJob(this.#token, record)
    const compact = await this.#store.jobs.readCompact(this.#token)
    return compact ? summaryFromCompact(compact) : null
  }

  /** Item counts across the batches; the compact summary's once the details expired. */
  async report(): Promise<JobReport | null> {
    const counts = await this.#store.batches.readCounts(this.#token)
    if (counts) return counts
    const compact = await this.#store.jobs.readCompact(this.#token)
    return compact ? countsFromCompact(compact) : null
  }

  /**
   * The job's status as a snapshot (like ledger.getStatus), derived with no extra write per
   * part: progress = parts settled / parts pushed, or, once batches carry items, items with an
   * outcome (processed, skipped, errored or missing) / items added. Both reads share one round
   * trip. Once the details expired, the compact summary's (field `compact: 'true'`).
   */
  async status(): Promise<StatusSnapshot | null> {
    const [record, counts] = await Promise.all([
      this.#store.jobs.readJob(this.#token),
      this.#store.batches.readCounts(this.#token),
    ])
    if (record) return jobStatusSnapshot(this.#token, record, itemProgress(counts))
    const compact = await this.#store.jobs.readCompact(this.#token)
    return compact ? compactJobStatusSnapshot(compact) : null
  }

  async *openParts(): AsyncGenerator<string> {
    let cursor: string | null = null
    do {
      const page = await this.#store.jobs.openParts(this.#token, cursor, 1_000)
      yield* page.parts
      cursor = page.cursor
    } while (cursor !== null)
  }

  async failures(options?: FailuresOptions): Promise<FailuresPage> {
    return readFailures(this.#store, this.#token, options)
  }

  allFailures(): AsyncGenerator<PartFailure> {
    return iterateFailures(this.#store, this.#token)
  }

  async expiresIn(): Promise<number | null> {
    const ms = await this.#store.jobs.ttlMs(this.#token)
    return ms === null ? null : ms / 1000
  }
}
