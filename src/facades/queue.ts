import { validateId } from '../domain/ids.js'
import type { QueuePolicy } from '../domain/policy.js'
import { queueItemNotFound } from '../domain/queue-errors.js'
import { DEFAULT_MAX_DATA_BYTES, toJsonText, validateMs } from '../domain/queue-input.js'
import {
  QUEUE_STATES,
  type QueueCounts,
  type QueueState,
  type QueueStateChange,
} from '../domain/queue-item.js'
import { InvalidArgumentError } from '../errors/jobledger-error.js'
import type { QueueRef, ReclaimResult } from '../store/queue-store.js'
import type { RegistryNames } from '../store/registry-store.js'
import type { LedgerCore } from './ledger-core.js'
import { QueueBulk } from './queue-bulk.js'
import { QueueConsumer } from './queue-consumer.js'
import { listenToQueue } from './queue-events.js'
import { decodeCursor, type QueueItem, type StartedItem } from './queue-item.js'
import {
  type PopOptions,
  policyChangesOf,
  type QueueListOptions,
  type QueueListResult,
  type QueueOptions,
  type QueueSummaryView,
  queueCreationOf,
} from './queue-options.js'
import { type ItemHandler, type ProcessOptions, QueueProcessor } from './queue-processor.js'
import { registerAfterWrite } from './registered-units.js'
import { registryNamesOf } from './unit-names.js'
import type { WriteOptions } from './write-runner.js'

const POLICY_NAMES = ['leaseMs', 'retainMs', 'maxAttempts']

function validateSignal(signal: unknown): AbortSignal | undefined {
  if (signal === undefined || signal instanceof AbortSignal) return signal
  throw new InvalidArgumentError('signal must be an AbortSignal.')
}

export type {
  PopOptions,
  QueueListOptions,
  QueueListResult,
  QueueOptions,
  QueueSummaryView,
} from './queue-options.js'

/**
 * A tracked FIFO queue: every item is waiting, running, finished or failed, and every
 * change is one atomic step that every process can watch.
 *
 * @example
 * const q = ledger.queue<{ file: string }>('imports')
 * await q.createAndPush({ file: 'a.csv' })
 * const item = await q.popAndStart({ timeoutMs: 5000 })   // null on timeout
 * if (item) await item.finish({ rows: 10 })               // or item.fail([err])
 */
export class Queue<TData = unknown, TResult = unknown> {
  readonly name: string
  readonly #core: LedgerCore
  readonly #ref: QueueRef
  readonly #maxDataBytes: number
  readonly #closing: AbortSignal
  readonly #consumer: QueueConsumer<TData, TResult>
  readonly #names: RegistryNames
  /** Bulk actions, bounded and paged: retryFailed({ limit }), clean({ state, olderThanMs }). */
  readonly bulk: QueueBulk

  constructor(core: LedgerCore, name: string, options: QueueOptions, closing: AbortSignal) {
    this.name = validateId(name, 'queue name')
    this.#ref = { name, creation: queueCreationOf(options, core.defaults.queue) }
    // A queue is found by its name when it was given no display name.
    const names = registryNamesOf(options)
    this.#names = { ...names, name: names.name ?? this.name }
    this.#maxDataBytes = validateMs(options.maxDataBytes, 'maxDataBytes', DEFAULT_MAX_DATA_BYTES, 2)
    const leaseMs = this.#ref.creation.leaseMs
    const sweep = Math.min(Math.max(Math.floor(leaseMs / 2), 1), 1000)
    const reclaimEveryMs = validateMs(options.reclaimEveryMs, 'reclaimEveryMs', sweep, 1)
    this.#core = core
    this.#closing = closing
    const limits = { maxDataBytes: this.#maxDataBytes, reclaimEveryMs }
    this.#consumer = new QueueConsumer(core, name, limits, closing)
    this.bulk = new QueueBulk(this, () => core.store.now())
  }

  /**
   * Stores `data` (JSON) as a new waiting item at the end of the queue; returns its id. The
   * first write of a queue creates it with this handle's policy (leaseMs, retainMs,
   * maxAttempts), else the ledger's defaults; an existing queue keeps its own. Repeated with
   * its `{ opId }`, it answers the same id and pushes nothing.
   */
  async createAndPush(data: TData, options?: WriteOptions): Promise<string> {
    const text = toJsonText(data, 'data', this.#maxDataBytes)
    const op = this.#core.writes.opIdOf(options)
    const pushed = await this.#core.writes.run('queue.createAndPush', op, (o) =>
      this.#core.store.queues.createAndPush(this.#ref, text, o),
    )
    await this.#register(pushed, op, 'the push')
    return pushed.id
  }

  /**
   * Changes the queue's own policy (creating the queue with this handle's policy first when it
   * does not exist); every later write reads it, whichever handle makes it. Returns the policy.
   *
   * @example
   * await ledger.queue('imports').configure({ leaseMs: 120_000, maxAttempts: 5 })
   */
  async configure(changes: Partial<QueuePolicy>, options?: WriteOptions): Promise<QueuePolicy> {
    const unknown = Object.keys(changes ?? {}).filter((name) => !POLICY_NAMES.includes(name))
    if (unknown.length > 0)
      throw new InvalidArgumentError(
        `configure has no option ${JSON.stringify(unknown[0])}; the options are ${POLICY_NAMES.join(', ')}.`,
      )
    const checked = policyChangesOf(changes)
    const op = this.#core.writes.opIdOf(options)
    const result = await this.#core.writes.run('queue.configure', op, (o) =>
      this.#core.store.queues.configure(this.#ref, checked, o),
    )
    await this.#register(result, op, 'configure')
    return result.policy
  }

  /** The queue's counts and policy in one consistent read; null when it was never written. */
  async summary(): Promise<QueueSummaryView | null> {
    const summary = await this.#core.store.queues.summary(this.name)
    return summary ? { name: this.name, ...summary } : null
  }

  /**
   * Takes the oldest waiting item and starts it (waiting → running in one step), waiting up to
   * `timeoutMs` for one (0: until one comes). Null on timeout or when the ledger closes.
   * The wait has a connection of its own; the ledger's other calls go on meanwhile.
   */
  async popAndStart(options: PopOptions = {}): Promise<StartedItem<TData, TResult> | null> {
    const timeoutMs = validateMs(options?.timeoutMs, 'timeoutMs', 0, 0)
    const deadline = timeoutMs === 0 ? Number.POSITIVE_INFINITY : Date.now() + timeoutMs
    const signal = validateSignal(options?.signal)
    const until = signal ? AbortSignal.any([this.#closing, signal]) : this.#closing
    return this.#consumer.popUntil(deadline, until, options)
  }

  /**
   * Runs `handler` on items as they come, `concurrency` at a time, until `stop()` or the
   * ledger closes: heartbeats while it runs, finishes the item with what it returns or fails
   * it with what it throws, and takes the next item in the same round trip. Store errors are
   * handed to `onError` and retried after a growing, jittered pause (up to 5 s), reset by a
   * success. The handler's `signal` aborts when its lease is lost, when `stop({ timeoutMs })`
   * gives up waiting for it, or when the ledger closes.
   *
   * @example
   * const worker = q.process(async (item, { signal }) => importFile(item.data, { signal }))
   * await worker.stop({ timeoutMs: 10_000 })
   */
  process(handler: ItemHandler<TData, TResult>, options: ProcessOptions = {}): QueueProcessor {
    const consumer = this.#consumer
    const source = {
      leaseMs: this.#ref.creation.leaseMs,
      pop: (signal: AbortSignal) => consumer.popUntil(Number.POSITIVE_INFINITY, signal),
      settle: consumer.settleAndPop.bind(consumer),
    }
    return new QueueProcessor(
      source as never,
      handler as ItemHandler<unknown, unknown>,
      options ?? {},
      this.#closing,
    )
  }

  /**
   * Like popAndStart but never waits: null when nothing is waiting. Repeated with its
   * `{ opId }` while the item it started runs, it answers that item and start again.
   */
  async tryPopAndStart(options?: WriteOptions): Promise<StartedItem<TData, TResult> | null> {
    return this.#consumer.tryPop(options)
  }

  /**
   * running → finished for whichever start runs; INVALID_TRANSITION from any other state.
   * Repeated with its `{ opId }`, it answers the finished item instead of refusing.
   */
  async finish(
    id: string,
    result: TResult,
    options?: WriteOptions,
  ): Promise<QueueItem<TData, TResult>> {
    return this.#consumer.finish(validateId(id, 'id'), null, result, options)
  }

  /** running → failed, keeping `errors` (an array, an Error or a JSON value). */
  async fail(
    id: string,
    errors: unknown,
    options?: WriteOptions,
  ): Promise<QueueItem<TData, TResult>> {
    return this.#consumer.fail(validateId(id, 'id'), null, errors, options)
  }

  /** Extends a running item's lease by leaseMs from now; returns the new lease end. */
  async heartbeat(id: string): Promise<number> {
    return this.#consumer.heartbeat(validateId(id, 'id'), null)
  }

  /**
   * finished | failed → waiting, at the end of the queue, with attempts reset to 0. Consumers
   * that held the item before can no longer change it (CONFLICT).
   */
  async retry(id: string, options?: WriteOptions): Promise<QueueItem<TData, TResult>> {
    const checked = validateId(id, 'id')
    const record = await this.#write('queue.retry', options, (op) =>
      this.#core.store.queues.retry(this.name, checked, op),
    )
    return this.#consumer.item(record)
  }

  /** Removes an item in any state with its data; a consumer holding it can no longer settle it. */
  async delete(id: string, options?: WriteOptions): Promise<void> {
    const checked = validateId(id, 'id')
    await this.#write('queue.delete', options, (op) =>
      this.#core.store.queues.deleteItem(this.name, checked, op),
    )
  }

  /** The item in any state; NOT_FOUND when unknown, deleted or past retention. */
  async get(id: string): Promise<QueueItem<TData, TResult>> {
    const record = await this.#core.store.queues.getItem(this.name, validateId(id, 'id'))
    if (!record) throw queueItemNotFound(this.name, id)
    return this.#consumer.item(record)
  }

  /** How many items are in each state, read in one consistent step. */
  async counts(): Promise<QueueCounts> {
    const summary = await this.#core.store.queues.summary(this.name)
    return summary?.counts ?? { waiting: 0, running: 0, finished: 0, failed: 0 }
  }

  /**
   * One page of the items in `state` (waiting oldest first, running by lease end, finished
   * and failed by retention end); pass the returned cursor for the next page.
   */
  async list(
    state: QueueState,
    options: QueueListOptions = {},
  ): Promise<QueueListResult<TData, TResult>> {
    if (!QUEUE_STATES.includes(state)) {
      throw new InvalidArgumentError(
        `state must be one of ${QUEUE_STATES.join(', ')}, got ${String(state)}.`,
      )
    }
    const limit = validateMs(options?.limit, 'limit', 50, 1, 1000)
    const offset = decodeCursor(options?.cursor)
    const page = await this.#core.store.queues.listItems(this.name, state, offset, limit)
    const cursor = page.cursor === null ? null : String(page.cursor)
    return { items: page.items.map((record) => this.#consumer.item(record)), cursor }
  }

  /**
   * The sweeper: running items whose lease ended go back to waiting, or fail once started
   * maxAttempts times. Consumers run it on their pops every reclaimEveryMs; call it by hand too.
   */
  async reclaimExpired(): Promise<ReclaimResult> {
    return this.#consumer.reclaim()
  }

  /**
   * Calls `listener` with every state change of this queue, made by any process sharing the
   * store. Resolves once the store acknowledged the subscription: every change made after that
   * arrives. Changes made shortly before may arrive too (in a Redis Cluster they travel
   * between nodes after being made). Resolves to a function that stops it; closing the ledger
   * stops it too.
   */
  async on(
    event: 'stateChanged',
    listener: (change: QueueStateChange) => void,
  ): Promise<() => Promise<void>> {
    return listenToQueue(this.#core.store, this.name, this.#closing, event, listener)
  }

  #write<T>(what: string, options: WriteOptions | undefined, write: (op: string) => Promise<T>) {
    return this.#core.writes.run(what, this.#core.writes.opIdOf(options), write)
  }

  /** Lists the queue after a write `op` that created it; a failure names `op` to repeat. */
  #register(result: { created: boolean; createdAt: number }, op: string, what: string) {
    const unit = {
      kind: 'queue' as const,
      id: this.name,
      what: `${what} to queue ${this.name}`,
      op,
    }
    return registerAfterWrite(this.#core.store, { ...unit, names: this.#names }, result)
  }
}
