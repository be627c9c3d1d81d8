import type { ItemId } from '../domain/batch-items.js'
import { validatePushedPart, validateSettledPart } from '../domain/batch-parts.js'
import { validatePart } from '../domain/ids.js'
import { itemProgress, jobStatusSnapshot } from '../domain/job-status.js'
import { type JobSummary, summarizeJob } from '../domain/job-summary.js'
import { optionsOf } from '../domain/options.js'
import { describeFailure, describeReason } from '../domain/reason.js'
import type { StatusSnapshot } from '../domain/status-snapshot.js'
import { InvalidArgumentError, NotFoundError } from '../errors/jobledger-error.js'
import type { OutcomeKind } from '../store/batch-store.js'
import type { JobRecord, PartFailure } from '../store/job-store.js'
import type { Store } from '../store/store.js'
import type { UnitRef } from '../store/unit-ref.js'
import {
  type AnyIterable,
  LookaheadReader,
  validateBatchSize,
  validateCallback,
} from './iterate.js'
import {
  type AddBatchesResult,
  type AddBatchResult,
  JobBatches,
  type JobReport,
  type OutcomesOptions,
  type OutcomesPage,
} from './job-batches.js'
import {
  type FailuresOptions,
  type FailuresPage,
  iterateFailures,
  readFailures,
} from './job-failures.js'
import type { LedgerCore } from './ledger-core.js'
import { registerUnit } from './registered-units.js'

/** Parts sent to the store in one write, whatever the caller's batch size. */
const PUSH_CHUNK = 5_000

export interface PushEachResult {
  /** Parts pushed, numbered '0'..String(parts - 1). */
  parts: number
  /** True when closing the job finished it (an empty collection, or every part already settled). */
  finished: boolean
}

export interface StopOptions {
  reason?: string
}

/**
 * A distributed job: a set of parts, each settled once by whoever processed it. The caller
 * whose `done` or `fail` settles the last open part of a closed job is told so, exactly once.
 *
 * @example
 * const job = ledger.job()
 * await job.pushEach(dates, (date, part) => queue.add('day', { date, token: job.token, part }))
 * // in the worker:
 * if (await ledger.job(token).done(part)) await queue.add('report', { token })
 */
export class Job {
  readonly token: string
  readonly #store: Store
  readonly #unit: UnitRef
  readonly #batches: JobBatches

  constructor(core: LedgerCore, unit: UnitRef) {
    const { store } = core
    this.#store = store
    this.#unit = unit
    this.token = unit.id
    this.#batches = new JobBatches(store, unit, (created) => this.#register(created))
  }

  /**
   * Stores a batch of item ids (strings or safe integers) as a new part `batch-<index>` of
   * the job, in one write; the index is allocated atomically across processes. Refused with
   * INVALID_TRANSITION once the job is closed.
   *
   * @example
   * const { index } = await job.addBatch([17, 18, 19])
   * await queue.add('import', { token: job.token, index })
   */
  async addBatch(items: readonly ItemId[]): Promise<AddBatchResult> {
    const { last: _, ...added } = await this.#batches.add(items)
    return added
  }

  /**
   * Slices a collection into batches of `size`, adds each and calls `callback(batch)` after
   * it is stored. The last batch is added and the job closed in one write before its callback.
   */
  async addBatches(
    items: AnyIterable<ItemId>,
    options: { size: number },
    callback: (batch: AddBatchResult) => unknown,
  ): Promise<AddBatchesResult> {
    return this.#batches.addEach(items, options, callback, () => this.close())
  }

  /** Item counts across the job's batches in one read; null when the job does not exist. */
  async report(): Promise<JobReport | null> {
    return this.#batches.report()
  }

  /** Kept outcomes of one kind ('skipped' | 'errored' | 'missing'), a page at a time. */
  async outcomes(kind: OutcomeKind, options?: OutcomesOptions): Promise<OutcomesPage> {
    return this.#batches.outcomes(kind, optionsOf(options, 'outcomes options'))
  }

  /**
   * Adds parts (one or many, in one write); pushing a part twice counts it once.
   * Only while the job is open: new parts after close() are refused with INVALID_TRANSITION.
   */
  async push(...parts: (string | number)[]): Promise<void> {
    if (parts.length === 0) throw new InvalidArgumentError('push needs at least one part.')
    await this.#pushParts(parts.map(validatePushedPart), false)
  }

  /**
   * Pushes one part per item ('0', '1', …) and calls `callback(item, part)` after each push.
   * The job is closed right before the last callback, so the last worker cannot miss completion.
   */
  async pushEach<T>(
    items: AnyIterable<T>,
    callback: (item: T, part: string) => unknown,
  ): Promise<PushEachResult> {
    validateCallback(callback)
    const reader = new LookaheadReader(items, 'items')
    let parts = 0
    for (;;) {
      const chunk = await reader.take(PUSH_CHUNK)
      const numbered = chunk.items.map((item) => [item, String(parts++)] as const)
      if (numbered.length > 0)
        await this.#pushParts(
          numbered.map(([, part]) => part),
          false,
        )
      for (const [index, [item, part]] of numbered.entries()) {
        if (chunk.last && index === numbered.length - 1) await this.close()
        await callback(item, part)
      }
      if (chunk.last) return { parts, finished: parts === 0 ? await this.close() : false }
    }
  }

  /**
   * Pushes items in batches of `[item, part]` pairs and calls `callback(pairs)` after each push.
   * The last batch is pushed and the job closed in one write, before its callback runs.
   */
  async pushInBatches<T>(
    items: AnyIterable<T>,
    options: { batchSize: number },
    callback: (pairs: [T, string][]) => unknown,
  ): Promise<PushEachResult> {
    const batchSize = validateBatchSize(options?.batchSize)
    validateCallback(callback)
    const reader = new LookaheadReader(items, 'items')
    let parts = 0
    for (;;) {
      const batch = await reader.take(batchSize)
      const pairs = batch.items.map((item): [T, string] => [item, String(parts++)])
      const finished = await this.#pushParts(
        pairs.map(([, part]) => part),
        batch.last,
      )
      if (pairs.length > 0) await callback(pairs)
      if (batch.last) return { parts, finished }
    }
  }

  /** Seals the job. True when nothing was open, so this call finished it (exactly once). */
  async close(): Promise<boolean> {
    const result = await this.#store.jobs.closeJob(this.#unit)
    await this.#register(result.created, result.createdAt)
    return result.lastOfClosedUnit
  }

  /** Settles a part as succeeded. True for exactly one caller: the one that finished the job. */
  async done(part: string | number): Promise<boolean> {
    const result = await this.#store.jobs.donePart(this.#unit, validateSettledPart(part), {
      kind: 'succeeded',
    })
    return result.lastOfClosedUnit
  }

  /** Settles a part as failed, keeping what a `catch` holds as text. Same answer as `done`. */
  async fail(part: string | number, reason: unknown): Promise<boolean> {
    const valid = validateSettledPart(part)
    const outcome = { kind: 'failed' as const, reason: describeFailure(reason) }
    const result = await this.#store.jobs.donePart(this.#unit, valid, outcome)
    return result.lastOfClosedUnit
  }

  /** Raises the stop flag that cooperating workers check with `isStopped()`. */
  async stop(options: StopOptions = {}): Promise<true> {
    const given = optionsOf(options, 'stop options').reason
    const reason = given === undefined ? null : describeReason(given)
    const { found } = await this.#store.jobs.stopJob(this.#unit, reason)
    if (!found)
      throw new NotFoundError(`Job ${this.token} does not exist or has expired; nothing to stop.`)
    return true
  }

  async isOpenPart(part: string | number): Promise<boolean> {
    return this.#store.jobs.isOpenPart(this.token, validatePart(part))
  }

  /** Parts pushed and not yet settled. */
  async count(): Promise<number> {
    return (await this.#record())?.open ?? 0
  }

  /** Parts ever pushed. */
  async total(): Promise<number> {
    return (await this.#record())?.total ?? 0
  }

  async isFinished(): Promise<boolean> {
    return (await this.#record())?.finished ?? false
  }

  async isStopped(): Promise<boolean> {
    return (await this.#record())?.stopped ?? false
  }

  /** Counts, state and outcome in one read; null when the job does not exist or has expired. */
  async summary(): Promise<JobSummary | null> {
    const record = await this.#record()
    return record ? summarizeJob(this.token, record) : null
  }

  /**
   * The job's status as a snapshot (like ledger.getStatus), derived with no extra write per
   * part: progress = parts settled / parts pushed, or, once batches carry items, items with an
   * outcome (processed, skipped, errored or missing) / items added. Both reads share one round trip.
   */
  async status(): Promise<StatusSnapshot | null> {
    const [record, counts] = await Promise.all([
      this.#record(),
      this.#store.batches.readCounts(this.token),
    ])
    return record ? jobStatusSnapshot(this.token, record, itemProgress(counts)) : null
  }

  /** The parts still open, read page by page; parts settled meanwhile may or may not appear. */
  async *openParts(): AsyncGenerator<string> {
    let cursor: string | null = null
    do {
      const page = await this.#store.jobs.openParts(this.token, cursor, 1_000)
      yield* page.parts
      cursor = page.cursor
    } while (cursor !== null)
  }

  /**
   * One page of failed parts with their reasons (see FailuresPage for the paging guarantees).
   *
   * @example
   * let page = await job.failures({ limit: 500 })
   * for (const { part, reason } of page.failures) console.log(part, reason)
   * if (page.cursor !== null) page = await job.failures({ cursor: page.cursor, limit: 500 })
   */
  async failures(options?: FailuresOptions): Promise<FailuresPage> {
    return readFailures(this.#store, this.token, options)
  }

  /** Every failed part, a page at a time: `for await (const f of job.allFailures())`. */
  allFailures(): AsyncGenerator<PartFailure> {
    return iterateFailures(this.#store, this.token)
  }

  /** Seconds until the job expires unless written again; null when it does not exist. */
  async expiresIn(): Promise<number | null> {
    const ms = await this.#store.jobs.ttlMs(this.token)
    return ms === null ? null : ms / 1000
  }

  async #pushParts(parts: string[], close: boolean): Promise<boolean> {
    let finished = false
    for (let start = 0; start < parts.length || (start === 0 && close); start += PUSH_CHUNK) {
      const chunk = parts.slice(start, start + PUSH_CHUNK)
      const closeNow = close && start + PUSH_CHUNK >= parts.length
      const result = await this.#store.jobs.pushParts(this.#unit, chunk, closeNow)
      await this.#register(result.created, result.createdAt)
      finished = result.lastOfClosedUnit
      if (closeNow) break
    }
    return finished
  }

  async #record(): Promise<JobRecord | null> {
    return this.#store.jobs.readJob(this.token)
  }

  /** Registers the job, scored with its creation time when this write created it. */
  async #register(created: boolean, createdAt: number | null = null): Promise<void> {
    await registerUnit(this.#store, 'job', this.token, created, createdAt ?? this.#store.now())
  }
}
