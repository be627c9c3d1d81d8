import { type ItemId, validateBatchIndex } from '../domain/batch-items.js'
import { validatePushedPart, validateSettledPart } from '../domain/batch-parts.js'
import type { JobSummary } from '../domain/job-summary.js'
import { optionsOf } from '../domain/options.js'
import { validateDurationMs } from '../domain/policy.js'
import { describeFailure, describeReason } from '../domain/reason.js'
import type { Signal } from '../domain/signals.js'
import type { StatusSnapshot } from '../domain/status-snapshot.js'
import { InvalidArgumentError } from '../errors/jobledger-error.js'
import type { OutcomeKind } from '../store/batch-store.js'
import type { JobRef, PartFailure } from '../store/job-store.js'
import type { RegisteredCallbacks } from './callback-reads.js'
import type { CallbackInput } from './callback-registration.js'
import type { AnyIterable } from './iterate.js'
import {
  type AddBatchesResult,
  type AddBatchResult,
  JobBatches,
  type JobReport,
  type OutcomesOptions,
  type OutcomesPage,
} from './job-batches.js'
import type { FailuresOptions, FailuresPage } from './job-failures.js'
import { JobPushes, type PushEachResult } from './job-pushes.js'
import { JobReads } from './job-reads.js'
import { creationRegistration, JobSignals } from './job-signals.js'
import { JobWriter, splitOptions } from './job-writes.js'
import type { LedgerCore } from './ledger-core.js'
import type { WaitUntilOptions } from './wait-until.js'
import type { WriteOptions } from './write-runner.js'

export type { PushEachResult } from './job-pushes.js'

export interface StopOptions extends WriteOptions {
  reason?: string | Error
}

/**
 * What `stop()` answers. It always succeeds, so `catch (e) { await job.stop(); throw e }` never
 * replaces the worker's error: a job that does not exist (or has expired) answers
 * `{ stopped: false, found: false }` and nothing is written.
 */
export interface StopResult {
  /** True when this call raised the stop flag (false: it was raised before, or no job). */
  stopped: boolean
  /** False when the job does not exist or has expired. */
  found: boolean
}

/**
 * A distributed job: a set of parts, each settled once by whoever processed it. The caller
 * whose `done` or `fail` settles the last open part of a closed job is told so, exactly once;
 * that call repeated with its `{ opId }` is told so again.
 *
 * @example
 * const job = ledger.job(undefined, { ttlMs: 7 * 86_400_000, name: 'nightly import' })
 * await job.pushEach(dates, (date, part) => queue.add('day', { date, token: job.token, part }))
 * // in the worker (its handle's options never change the job's policy):
 * if (await ledger.job(token).done(part)) await queue.add('report', { token })
 */
export class Job {
  readonly token: string
  readonly #writer: JobWriter
  readonly #batches: JobBatches
  readonly #reads: JobReads
  readonly #pushes: JobPushes
  readonly #signals: JobSignals

  constructor(core: LedgerCore, ref: JobRef, callbacks: [Signal, CallbackInput[]][] = []) {
    this.token = ref.id
    this.#writer = new JobWriter(core, ref, creationRegistration(core, ref, callbacks))
    this.#batches = new JobBatches(this.#writer)
    this.#reads = new JobReads(core.store, ref.id)
    this.#pushes = new JobPushes(this.#writer)
    this.#signals = new JobSignals(this.#writer, () => this.summary())
  }

  /**
   * Stores a batch of item ids (strings or safe integers) as a new part `batch-<index>` of
   * the job, in one write; the index is allocated atomically across processes. Refused with
   * INVALID_TRANSITION once the job is closed. Repeated with its `{ opId }`, it answers the
   * same index and adds nothing.
   *
   * @example
   * const { index } = await job.addBatch([17, 18, 19])
   * await queue.add('import', { token: job.token, index })
   */
  async addBatch(items: readonly ItemId[], options?: WriteOptions): Promise<AddBatchResult> {
    const op = this.#writer.opOf(optionsOf(options, 'addBatch options'))
    const { last: _, ...added } = await this.#batches.add(items, false, op)
    return added
  }

  /**
   * Slices a collection into batches of `size`, adds each and calls `callback(batch)` after
   * it is stored. The last batch is added and the job closed in one write before its callback.
   */
  async addBatches(
    items: AnyIterable<ItemId>,
    options: { size: number } & WriteOptions,
    callback: (batch: AddBatchResult) => unknown,
  ): Promise<AddBatchesResult> {
    return this.#batches.addEach(items, options, callback)
  }

  /**
   * Registers durable callbacks for one of the job's signals (`succeeded`, `settled`, `failed`,
   * `stopped`): the write that fires it records them in the job's outbox in the same step, and
   * they reach the ledger's `dispatch` at least once (exactly once when nothing crashes). Creates
   * the job when it does not exist. Refused with INVALID_TRANSITION once the signal fired.
   *
   * @example
   * await job.on('settled', { name: 'import-summary', args: [job.token] })
   */
  async on(
    signal: Signal,
    callbacks: CallbackInput | readonly CallbackInput[],
    options?: WriteOptions,
  ): Promise<void> {
    await this.#signals.on(signal, callbacks, options)
  }

  /**
   * Resolves with the job's summary once `signal` has fired (at once when it fired before);
   * rejects with TIMEOUT after `timeoutMs`, ABORTED when `signal` aborts, CLOSED on close().
   *
   * @example
   * const summary = await job.waitUntil('settled', { timeoutMs: 60_000 })
   */
  waitUntil(signal: Signal, options?: WaitUntilOptions): Promise<JobSummary> {
    return this.#signals.waitUntil(signal, options)
  }

  /** Item counts across the job's batches in one read; null when the job does not exist. */
  async report(): Promise<JobReport | null> {
    return this.#reads.report()
  }

  /** Kept outcomes of one kind ('skipped' | 'errored' | 'missing'), a page at a time. */
  async outcomes(kind: OutcomeKind, options?: OutcomesOptions): Promise<OutcomesPage> {
    return this.#batches.outcomes(kind, optionsOf(options, 'outcomes options'))
  }

  /**
   * Adds parts (one or many, in one write); pushing a part twice counts it once. A trailing
   * `{ opId }` repeats an earlier call. Only while the job is open: new parts after close()
   * are refused with INVALID_TRANSITION.
   */
  async push(...args: (string | number | WriteOptions)[]): Promise<void> {
    const { items, options } = splitOptions<string | number>(args)
    if (items.length === 0) throw new InvalidArgumentError('push needs at least one part.')
    await this.#pushes.pushParts(items.map(validatePushedPart), false, this.#writer.opOf(options))
  }

  /**
   * Pushes one part per item ('0', '1', …) and calls `callback(item, part)` after each push.
   * The job is closed right before the last callback, so the last worker cannot miss completion.
   */
  async pushEach<T>(
    items: AnyIterable<T>,
    callback: (item: T, part: string) => unknown,
    options?: WriteOptions,
  ): Promise<PushEachResult> {
    return this.#pushes.pushEach(items, callback, options)
  }

  /**
   * Pushes items in batches of `[item, part]` pairs and calls `callback(pairs)` after each push.
   * The last batch is pushed and the job closed in one write, before its callback runs.
   */
  async pushInBatches<T>(
    items: AnyIterable<T>,
    options: { batchSize: number } & WriteOptions,
    callback: (pairs: [T, string][]) => unknown,
  ): Promise<PushEachResult> {
    return this.#pushes.pushInBatches(items, options, callback)
  }

  /** Seals the job. True when nothing was open, so this call finished it (exactly once). */
  async close(options?: WriteOptions): Promise<boolean> {
    return this.#pushes.close(this.#writer.opOf(optionsOf(options, 'close options')))
  }

  /**
   * Settles a part as succeeded. True for exactly one call: the one that finished the job
   * (and that call repeated with its `{ opId }`); any other duplicate answers false.
   */
  async done(part: string | number, options?: WriteOptions): Promise<boolean> {
    const op = this.#writer.opOf(optionsOf(options, 'write options'))
    return this.#writer.settle(validateSettledPart(part), { kind: 'succeeded' }, op)
  }

  /** Settles a part as failed, keeping what a `catch` holds as text. Same answer as `done`. */
  async fail(part: string | number, reason: unknown, options?: WriteOptions): Promise<boolean> {
    const valid = validateSettledPart(part)
    const op = this.#writer.opOf(optionsOf(options, 'write options'))
    return this.#writer.settle(valid, { kind: 'failed', reason: describeFailure(reason) }, op)
  }

  /**
   * Raises the stop flag that cooperating workers check with `isStopped()`. Always succeeds
   * (see StopResult); the first stop's reason is kept, later stops change nothing.
   *
   * @example
   * try { await work(part) } catch (e) { await job.stop({ reason: e }); throw e }
   */
  async stop(options: StopOptions = {}): Promise<StopResult> {
    const given = optionsOf(options, 'stop options')
    const reason = given.reason === undefined ? null : describeReason(given.reason)
    const { stopped, found } = await this.#writer.stop(reason, this.#writer.opOf(given))
    return { stopped, found }
  }

  /**
   * Changes the job's ttl (ms): stored in the job, so every later write keeps it, and the
   * deadline set from now (ttl to 1.5 × ttl). NOT_FOUND when the job does not exist.
   */
  async setTtl(ttlMs: number, options?: WriteOptions): Promise<{ expiresAt: number }> {
    const ms = validateDurationMs(ttlMs, 'ttlMs')
    return this.#writer.setTtl(ms, this.#writer.opOf(optionsOf(options, 'setTtl options')))
  }

  async isOpenPart(part: string | number): Promise<boolean> {
    return this.#reads.isOpenPart(part)
  }

  /** Parts pushed and not yet settled. */
  async count(): Promise<number> {
    return (await this.summary())?.open ?? 0
  }

  /** Parts ever pushed. */
  async total(): Promise<number> {
    return (await this.summary())?.total ?? 0
  }

  async isFinished(): Promise<boolean> {
    return (await this.summary())?.state === 'finished'
  }

  async isStopped(): Promise<boolean> {
    const summary = await this.summary()
    return summary !== null && summary.signals.stopped !== null
  }

  /**
   * Counts, state, outcome, signal times and names in one read; once the job's details have
   * expired, its compact summary (`compact: true`) while that is kept; else null.
   */
  async summary(): Promise<JobSummary | null> {
    return this.#reads.summary()
  }

  /** Its durable callbacks per signal, with those still due; `batch` for a batch's own. */
  async callbacks(options: { batch?: number } = {}): Promise<RegisteredCallbacks[]> {
    const { batch } = optionsOf(options, 'callbacks options')
    const scope = batch === undefined ? '' : `batch:${validateBatchIndex(batch)}`
    return this.#reads.callbacks(scope)
  }

  /** The job's status as a snapshot (like ledger.getStatus); see JobReads.status. */
  async status(): Promise<StatusSnapshot | null> {
    return this.#reads.status()
  }

  /** The parts still open, read page by page; parts settled meanwhile may or may not appear. */
  openParts(): AsyncGenerator<string> {
    return this.#reads.openParts()
  }

  /**
   * One page of failed parts with their reasons, in the order they failed: exactly `limit`
   * failures a page (fewer on the last), each once, resumed with the page's opaque cursor.
   *
   * @example
   * let page = await job.failures({ limit: 500 })
   * for (const { part, reason } of page.failures) console.log(part, reason)
   * if (page.cursor !== null) page = await job.failures({ cursor: page.cursor, limit: 500 })
   */
  async failures(options?: FailuresOptions): Promise<FailuresPage> {
    return this.#reads.failures(options)
  }

  /** Every failed part, a page at a time: `for await (const f of job.allFailures())`. */
  allFailures(): AsyncGenerator<PartFailure> {
    return this.#reads.allFailures()
  }

  /** Seconds until the job's deadline unless written again; null when it does not exist. */
  async expiresIn(): Promise<number | null> {
    return this.#reads.expiresIn()
  }
}
