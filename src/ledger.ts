import { validateId } from './domain/ids.js'
import { optionsOf } from './domain/options.js'
import type { StatusSnapshot } from './domain/status-snapshot.js'
import { type AuditEntry, logAudit } from './facades/audit.js'
import type { Batch } from './facades/batch.js'
import type { Cleaner } from './facades/cleaner.js'
import { type DiagnoseOptions, type Diagnosis, diagnose } from './facades/diagnose.js'
import type { Group } from './facades/group.js'
import type { Job } from './facades/job.js'
import type { JobHandleOptions, JobOptions } from './facades/job-options.js'
import type { LedgerCore } from './facades/ledger-core.js'
import { openBatch, openJob, openTracker } from './facades/ledger-jobs.js'
import { LedgerStatuses } from './facades/ledger-statuses.js'
import {
  type ListenerOptions,
  listenToSignals,
  type SignalEventName,
  type SignalListener,
} from './facades/listeners.js'
import {
  type GroupWithStages,
  type ListOptions,
  type ListResult,
  listUnits,
  readGroupSummary,
  unitNames,
} from './facades/listing.js'
import { Queue, type QueueOptions } from './facades/queue.js'
import type { StagedJob } from './facades/staged-job.js'
import { type GroupingOptions, openGroup, openStagedJob, withinGrouping } from './facades/stages.js'
import type { StagesContext } from './facades/stages-context.js'
import type { Status, StatusOptions } from './facades/status.js'
import type { Sweeper } from './facades/sweeper.js'
import type { Tracker, TrackerOptions } from './facades/tracker.js'
import type { WatchOptions } from './facades/watch.js'
import type { LedgerOptions } from './ledger-options.js'
import { wireLedger } from './ledger-wiring.js'
import type { CounterSample } from './observability/ledger-metrics.js'
import type { LedgerTelemetry } from './observability/ledger-telemetry.js'
import { ledgerClosed, ledgerOpened } from './open-ledgers.js'
import type { RegistryNames } from './store/registry-store.js'
import type { Store } from './store/store.js'
import type { UnitKind } from './store/unit-ref.js'

export type { JobHandleOptions, JobOptions } from './facades/job-options.js'
export type { LedgerOptions } from './ledger-options.js'

/**
 * The entry point: one ledger per process (or per test), over one store.
 *
 * @example
 * const ledger = createLedger()                                   // embedded, in-process
 * const ledger = createLedger({ redis: 'redis://127.0.0.1:6379' }) // shared, production
 */
export class Ledger {
  /** @internal The store port the facades share; not public API (use the facades' reads). */
  readonly store: Store
  /** Purging and repairs across every face. */
  readonly cleaner: Cleaner
  readonly #ownsStore: boolean
  readonly #statuses: LedgerStatuses
  /** Aborted by close(): wakes blocked pops (they return null) and stops queue listeners. */
  readonly #closing = new AbortController()
  readonly #stages: StagesContext
  /** The store, the write runner and the unit defaults every facade of this ledger shares. */
  readonly #core: LedgerCore
  readonly #telemetry: LedgerTelemetry
  readonly #sweeper: Sweeper | null

  constructor(store: Store, ownsStore: boolean, options: LedgerOptions = {}) {
    const wiring = wireLedger(store, options, this.#closing.signal)
    this.store = wiring.core.store
    this.#core = wiring.core
    this.#telemetry = wiring.telemetry
    this.#stages = wiring.stages
    this.cleaner = wiring.cleaner
    this.#sweeper = wiring.sweeper
    this.#statuses = new LedgerStatuses(this.#core)
    this.#ownsStore = ownsStore
    ledgerOpened(this)
  }

  /**
   * Opens a distributed job by token, or starts a new one with a random token. The options
   * apply only when a write of this handle creates the job; an existing job keeps its own.
   *
   * @example
   * const job = ledger.job(undefined, { ttlMs: 7 * 86_400_000, name: 'nightly import' })
   */
  job(token?: string, options: JobOptions = {}): Job {
    return openJob(this.#core, token, options)
  }

  /** One batch of a job, by the job's token and the index `addBatch` returned. */
  batch(token: string, index: number, options: JobHandleOptions = {}): Batch {
    return openBatch(this.#core, token, index, options)
  }

  /**
   * A tracker for one batch: `eachRecord(fn)` works through its pending items and writes
   * every outcome in one step at the end.
   *
   * @example
   * const report = await ledger.tracker({ job: token, batch: index }).eachRecord(async (id) => {
   *   if (await alreadyImported(id)) return 'skipped'
   *   await importWidget(id)
   * })
   */
  tracker<R = string>(options: TrackerOptions<R>): Tracker<R> {
    return openTracker(this.#core, options)
  }

  /**
   * Creates a group of stages, lets `block` enqueue jobs into numbered stages, then initiates
   * the first stage. If the block throws, the group is deleted and nothing is dispatched.
   * The first argument is the description (default: the group's id) or options with
   * `description`, `name` and the group's own `ttlMs`, `keepCompletedMs`, `summaryTtlMs`.
   *
   * @example
   * const group = await ledger.withinGrouping('nightly import', async (g) => {
   *   for (const f of files) await g.stage(1).enqueue('ImportFile', [f])
   *   await g.stage(2).enqueue('Summarize', [])
   * })
   */
  withinGrouping(block: (group: Group) => unknown): Promise<Group>
  withinGrouping(
    description: string | GroupingOptions | undefined | null,
    block: (group: Group) => unknown,
  ): Promise<Group>
  withinGrouping(
    first: string | GroupingOptions | ((group: Group) => unknown) | undefined | null,
    block?: (group: Group) => unknown,
  ): Promise<Group> {
    return withinGrouping(this.#stages, first, block)
  }

  /** Reopens a group by id (NOT_FOUND when unknown, deleted or cleaned up). */
  group(id: string): Promise<Group> {
    return openGroup(this.#stages, id)
  }

  /**
   * A group's record with its stages' records, in one call that never throws NOT_FOUND: once
   * the details expired, the compact summary (`compact: true`, no stages); null once that is
   * gone too (what `jobledger status --kind group` and the dashboard's group page show).
   */
  async groupWithStages(id: string): Promise<GroupWithStages | null> {
    return readGroupSummary(this.store, validateId(id, 'group id'))
  }

  /**
   * The staged job a dispatched payload stands for, in the worker.
   *
   * @example
   * const staged = await ledger.stagedJob(payload)
   * await staged.run((...args) => work(...args), { willRetry: () => attemptsLeft > 0 })
   */
  stagedJob(payload: unknown): Promise<StagedJob> {
    return openStagedJob(this.#stages, payload)
  }

  /**
   * A tracked FIFO queue by name (created by its first push).
   *
   * @example
   * const q = ledger.queue('imports', { leaseMs: 60_000 })
   * const id = await q.createAndPush({ file: 'a.csv' })
   */
  queue<TData = unknown, TResult = unknown>(
    name: string,
    options: QueueOptions = {},
  ): Queue<TData, TResult> {
    const checked = optionsOf(options, 'queue options')
    return new Queue<TData, TResult>(this.#core, name, checked, this.#closing.signal)
  }

  /**
   * Calls `listener` whenever a unit of one kind fires a signal, in any process sharing the
   * store (Redis pub/sub; in process for the memory store): `'job.settled'`, `'batch.failed'`,
   * `'stage.succeeded'`, `'group.stopped'`, … Resolves once listening, to a function that
   * stops it. Best effort (a writer that dies first publishes nothing): durable callbacks are
   * the at-least-once path. What a listener throws goes to `onError` and the logger; the
   * signal stands.
   *
   * @example
   * const stop = await ledger.on('job.settled', (e) => console.log(e.id, 'settled at', e.at))
   */
  on(
    event: SignalEventName,
    listener: SignalListener,
    options?: ListenerOptions,
  ): Promise<() => Promise<void>> {
    return listenToSignals(this.#core, event, listener, options)
  }

  /** The ledger's clock (its store's, or the test clock it was given), in ms since the epoch. */
  now(): number {
    return this.store.now()
  }

  /**
   * Records an operator's action (stop, cancel, delete, retry, clean) through the ledger's
   * `logger` at info level, as `{ action, unit, by, ... }`; nothing without a logger. The
   * dashboard and the CLI call it for every change they make.
   *
   * @example
   * ledger.audit({ action: 'cancel', unit: 'group:abc', by: 'cli', reason: 'bad file' })
   */
  audit(entry: AuditEntry): void {
    logAudit(this.#core.logger, entry)
  }

  /**
   * The name and description a unit was registered with (null when it is not listed): what
   * lists show for statuses and queues, whose own records do not carry them.
   */
  unitNames(kind: UnitKind, id: string): Promise<RegistryNames | null> {
    return unitNames(this.store, kind, id)
  }

  /**
   * Why a unit is not over yet, in plain words with the next command to run: open parts,
   * batches with pending items, staged jobs undispatched or waiting to be run again, queue
   * items whose lease ran out, callbacks due and never confirmed, a TTL about to run out, a
   * stopped unit with parts still running. NOT_FOUND when no job, group or queue has that id.
   *
   * @example
   * const { healthy, findings } = await ledger.diagnose(token)
   * for (const f of findings) console.log(f.message, '→', f.next)
   */
  diagnose(id: string, options?: DiagnoseOptions): Promise<Diagnosis> {
    return diagnose(this.store, id, options, this.#core.callbacks.canDispatch)
  }

  /** Live units of one kind, newest first. */
  async list<K extends UnitKind>(options: ListOptions<K>): Promise<ListResult<K>> {
    return listUnits(this.store, options)
  }

  /**
   * The status of a job by id, to write from the job (or anywhere). Handles are shared per id
   * and options in this ledger, so throttling holds across calls.
   *
   * @example
   * const status = ledger.status(jobId, { throttleMs: 100 })
   * await status.update({ step: 'A', total: rows.length })
   * for (const row of rows) { await load(row); await status.progress.increment() }
   */
  status(id: string, options: StatusOptions = {}): Status {
    return this.#statuses.handle(id, options)
  }

  /** A status snapshot in one read; null when unknown or expired. JSON.stringify gives the seed's shape. */
  getStatus(id: string): Promise<StatusSnapshot | null> {
    return this.#statuses.read(id)
  }

  /**
   * Marks the status working, runs fn(status), marks it completed; when fn throws, marks it
   * failed with `{ error: { name, message, stack } }` and rethrows. A second track of an id
   * already tracked in this process is refused with CONFLICT.
   *
   * @example
   * await ledger.track(job.id, async (status) => {
   *   await status.progress.setTotal(files.length)
   *   for (const f of files) { await importFile(f); await status.progress.increment() }
   * })
   */
  track<T>(
    id: string,
    fn: (status: Status) => T | Promise<T>,
    options?: StatusOptions,
  ): Promise<T> {
    return this.#statuses.track(id, fn, options)
  }

  /**
   * Snapshots of a status as it changes, from any process (the current one first).
   *
   * @example
   * for await (const snap of ledger.watch(id)) {
   *   render(snap)
   *   if (snap.isCompleted || snap.isFailed) break
   * }
   */
  watch(id: string, options: WatchOptions = {}): AsyncIterable<StatusSnapshot> {
    return this.#statuses.watch(id, options)
  }

  /**
   * What this ledger counted in this process: parts settled, items by outcome, lease reclaims,
   * dispatch failures, store errors (the dashboard's `/metrics` serves them).
   */
  counters(): CounterSample[] {
    return this.#telemetry.counters()
  }

  /**
   * One read round trip to the store and how long it took; STORE_UNAVAILABLE when the store
   * cannot be reached (the dashboard's `/healthz`).
   *
   * @example
   * const { store, latencyMs } = await ledger.ping() // { store: 'redis', latencyMs: 0.4 }
   */
  async ping(): Promise<{ store: string; latencyMs: number }> {
    const started = performance.now()
    await this.store.statuses.readStatus('jobledger-ping')
    return { store: this.store.name, latencyMs: performance.now() - started }
  }

  /** Writes pending throttled statuses, ends watches, and closes the store if the ledger owns it. */
  async close(): Promise<void> {
    if (!ledgerClosed(this)) return
    await this.#sweeper?.stop()
    const flushed = await this.#statuses.close()
    await this.#stages.flushConfirmations()
    this.#closing.abort()
    if (this.#ownsStore) await this.store.close()
    if (flushed !== null) throw flushed
  }
}
