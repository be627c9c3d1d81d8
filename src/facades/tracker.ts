import { batchNotFoundError, PENDING_SET, validateItemId } from '../domain/batch-items.js'
import { optionsOf } from '../domain/options.js'
import { InvalidArgumentError } from '../errors/jobledger-error.js'
import type { ErroredItem } from '../store/batch-store.js'
import type { JobRef } from '../store/job-store.js'
import type { Store } from '../store/store.js'
import { JobWriter } from './job-writes.js'
import type { LedgerCore } from './ledger-core.js'
import { describeThrown, runRecordPool } from './record-pool.js'
import { StopGate } from './stop-gate.js'
import type { WriteOptions } from './write-runner.js'

export interface TrackerOptions<R> {
  /** The job's token. */
  job: string
  /** The batch index `addBatch` returned. */
  batch: number
  /** Loads the records of all pending ids in one call; ids it does not return are `missing`. */
  load?: (ids: string[]) => Promise<readonly R[]> | readonly R[]
  /** The id of a loaded record (default `record.id`). */
  idOf?: (record: R) => string | number
  /** Records processed at once, 1 to 1000; default 1. */
  concurrency?: number
  /**
   * Ignored: the tracker writes under its job's own policy (give the ttl when the job is
   * created). Still checked as seconds, so old code that passes it keeps working.
   * @deprecated
   */
  ttl?: number
}

/** What one `eachRecord` run wrote. Counts include only items this run settled. */
export interface BatchReport {
  job: string
  batch: number
  processed: number
  skipped: number
  errored: number
  missing: number
  /** Items left pending in the batch (after a stop). */
  remaining: number
  /** True when the job was stopped and the tracker quit before the end of the batch. */
  stopped: boolean
  /** True when this run settled the batch's part of the job. */
  batchDone: boolean
  /** True for exactly one run across all batches: the one that finished the job. */
  jobFinished: boolean
}

/** What `fn` may return to mark a record skipped; anything else (or nothing) is processed. */
export type RecordResult = 'skipped' | unknown

interface Outcomes {
  processed: string[]
  skipped: string[]
  errored: ErroredItem[]
}

/**
 * Works through a batch's pending items and writes every outcome in one atomic step at the
 * end: processed count, skipped, errored (with messages) and missing ids; then the batch's
 * part is settled. A run that dies before its write leaves the batch pending for a re-run.
 *
 * @example
 * const tracker = ledger.tracker({ job: token, batch: index,
 *   load: (ids) => db.widgets.findMany(ids), idOf: (widget) => widget.id })
 * const report = await tracker.eachRecord(async (widget) => {
 *   if (widget.imported) return 'skipped'
 *   await widget.import()                    // a throw marks the item errored
 * })
 * if (report.jobFinished) await queue.add('summary', { token })
 */
export class Tracker<R = string> {
  readonly #store: Store
  readonly #writer: JobWriter
  readonly #unit: JobRef
  readonly #index: number
  readonly #options: TrackerOptions<R>
  readonly #concurrency: number

  constructor(core: LedgerCore, unit: JobRef, index: number, options: TrackerOptions<R>) {
    this.#store = core.store
    this.#writer = new JobWriter(core, unit)
    this.#unit = unit
    this.#index = index
    this.#options = options
    this.#concurrency = validateConcurrency(options.concurrency)
    if (options.load !== undefined && typeof options.load !== 'function')
      throw new InvalidArgumentError('load must be a function (ids) => records.')
    if (options.idOf !== undefined && typeof options.idOf !== 'function')
      throw new InvalidArgumentError('idOf must be a function (record) => id.')
  }

  /**
   * Calls `fn` for each pending record; returns what was written. `fn`'s errors never escape.
   * Repeated with its `{ opId }` after a STORE_UNAVAILABLE, the final write answers its first
   * counts (and "jobFinished" again when it finished the job).
   */
  async eachRecord(
    fn: (record: R) => RecordResult | Promise<RecordResult>,
    options?: WriteOptions,
  ): Promise<BatchReport> {
    if (typeof fn !== 'function') throw new InvalidArgumentError('eachRecord needs a function.')
    const op = this.#writer.opOf(optionsOf(options, 'eachRecord options'))
    const [ids, stopped] = await Promise.all([
      this.#store.batches.batchItems(this.#unit.id, this.#index, PENDING_SET),
      this.#isStopped(),
    ])
    if (ids === null) throw batchNotFoundError(this.#unit.id, this.#index)
    if (stopped) return this.#report({ remaining: ids.length, stopped: true })
    const { records, missing } = await this.#load(ids)
    const outcomes: Outcomes = { processed: [], skipped: [], errored: [] }
    const gate = new StopGate(() => this.#isStopped(), false)
    const taken = await runRecordPool(records, this.#concurrency, gate, async ([id, record]) => {
      try {
        const result = await fn(record)
        ;(result === 'skipped' ? outcomes.skipped : outcomes.processed).push(id)
      } catch (error) {
        outcomes.errored.push({ id, message: describeThrown(error) })
      }
    })
    const complete = taken === records.length
    const report = { index: this.#index, ...outcomes, missing, complete }
    const result = await this.#writer.run('tracker.report', op, (id) =>
      this.#store.batches.reportBatch(this.#unit, report, id),
    )
    return this.#report({
      ...result,
      stopped: !complete,
      batchDone: result.settled,
      jobFinished: result.lastOfClosedUnit,
    })
  }

  async #isStopped(): Promise<boolean> {
    return (await this.#store.jobs.readJob(this.#unit.id))?.parts.stopped ?? false
  }

  async #load(ids: string[]): Promise<{ records: [string, R][]; missing: string[] }> {
    const { load } = this.#options
    if (!load) return { records: ids.map((id) => [id, id as R]), missing: [] }
    const loaded = await load([...ids])
    if (!Array.isArray(loaded)) throw new InvalidArgumentError('load must return an array.')
    const idOf = this.#options.idOf ?? defaultIdOf
    const pending = new Set(ids)
    const records: [string, R][] = []
    for (const record of loaded as R[]) {
      const id = validateItemId(idOf(record), 'idOf(record)')
      if (!pending.delete(id)) continue
      records.push([id, record])
    }
    return { records, missing: [...pending] }
  }

  #report(fields: Partial<BatchReport>): BatchReport {
    return {
      job: this.#unit.id,
      batch: this.#index,
      processed: fields.processed ?? 0,
      skipped: fields.skipped ?? 0,
      errored: fields.errored ?? 0,
      missing: fields.missing ?? 0,
      remaining: fields.remaining ?? 0,
      stopped: fields.stopped ?? false,
      batchDone: fields.batchDone ?? false,
      jobFinished: fields.jobFinished ?? false,
    }
  }
}

function defaultIdOf(record: unknown): string | number {
  const id = (record as { id?: unknown } | null)?.id
  if (typeof id === 'string' || typeof id === 'number') return id
  throw new InvalidArgumentError('Records without an `id` need an idOf(record) option.')
}

function validateConcurrency(value: unknown): number {
  if (value === undefined) return 1
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 && value <= 1000)
    return value
  throw new InvalidArgumentError(
    `concurrency must be an integer from 1 to 1000, got ${String(value)}.`,
  )
}
