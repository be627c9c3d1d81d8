import { validateId } from '../domain/ids.js'
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
import type { Store } from '../store/store.js'
import { QueueBulk } from './queue-bulk.js'
import { QueueConsumer } from './queue-consumer.js'
import { listenToQueue } from './queue-events.js'
import { decodeCursor, type QueueItem, type StartedItem } from './queue-item.js'
import type {
  PopOptions,
  QueueListOptions,
  QueueListResult,
  QueueOptions,
} from './queue-options.js'
import { type ItemHandler, type ProcessOptions, QueueProcessor } from './queue-processor.js'
import { registerUnit } from './registered-units.js'
import { registryNamesOf } from './unit-names.js'

function validateSignal(signal: unknown): AbortSignal | undefined {
  if (signal === undefined || signal instanceof AbortSignal) return signal
  throw new InvalidArgumentError('signal must be an AbortSignal.')
}

export type {
  PopOptions,
  QueueListOptions,
  QueueListResult,
  QueueOptions,
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
  readonly #store: Store
  readonly #ref: QueueRef
  readonly #maxDataBytes: number
  readonly #closing: AbortSignal
  readonly #consumer: QueueConsumer<TData, TResult>
  readonly #names: RegistryNames
  /** Bulk actions, bounded and paged: retryFailed({ limit }), clean({ state, olderThanMs }). */
  readonly bulk: QueueBulk = new QueueBulk(this, () => this.#store.now())

  constructor(store: Store, name: string, options: QueueOptions, closing: AbortSignal) {
    this.name = validateId(name, 'queue name')
    // A queue is found by its name when it was given no display name.
    const names = registryNamesOf(options)
    this.#names = { ...names, name: names.name ?? this.name }
    const leaseMs = validateMs(options.leaseMs, 'leaseMs', 30_000, 1)
    this.#ref = {
      name,
      leaseMs,
      retainMs: validateMs(options.retainMs, 'retainMs', 86_400_000, 1),
      maxAttempts: validateMs(options.maxAttempts, 'maxAttempts', 3, 1),
    }
    this.#maxDataBytes = validateMs(options.maxDataBytes, 'maxDataBytes', DEFAULT_MAX_DATA_BYTES, 2)
    const sweep = Math.min(Math.max(Math.floor(leaseMs / 2), 1), 1000)
    const reclaimEveryMs = validateMs(options.reclaimEveryMs, 'reclaimEveryMs', sweep, 1)
    this.#store = store
    this.#closing = closing
    const limits = { maxDataBytes: this.#maxDataBytes, reclaimEveryMs }
    this.#consumer = new QueueConsumer(store, this.#ref, limits, closing)
  }

  /** Stores `data` (JSON) as a new waiting item at the end of the queue; returns its id. */
  async createAndPush(data: TData): Promise<string> {
    const text = toJsonText(data, 'data', this.#maxDataBytes)
    const pushed = await this.#store.queues.createAndPush(this.#ref, text)
    const { created, createdAt } = pushed
    await registerUnit(this.#store, 'queue', this.name, created, createdAt, this.#names)
    return pushed.id
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
    return this.#consumer.popUntil(deadline, until)
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
      leaseMs: this.#ref.leaseMs,
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

  /** Like popAndStart but never waits: null when nothing is waiting. */
  async tryPopAndStart(): Promise<StartedItem<TData, TResult> | null> {
    return this.#consumer.tryPop()
  }

  /** running → finished for whichever start runs; INVALID_TRANSITION from any other state. */
  async finish(id: string, result: TResult): Promise<QueueItem<TData, TResult>> {
    return this.#consumer.finish(validateId(id, 'id'), null, result)
  }

  /** running → failed, keeping `errors` (an array, an Error or a JSON value). */
  async fail(id: string, errors: unknown): Promise<QueueItem<TData, TResult>> {
    return this.#consumer.fail(validateId(id, 'id'), null, errors)
  }

  /** Extends a running item's lease by leaseMs from now; returns the new lease end. */
  async heartbeat(id: string): Promise<number> {
    return this.#consumer.heartbeat(validateId(id, 'id'), null)
  }

  /**
   * finished | failed → waiting, at the end of the queue, with attempts reset to 0. Consumers
   * that held the item before can no longer change it (CONFLICT).
   */
  async retry(id: string): Promise<QueueItem<TData, TResult>> {
    const record = await this.#store.queues.retry(this.#ref, validateId(id, 'id'))
    return this.#consumer.item(record)
  }

  /** Removes an item in any state with its data; a consumer holding it can no longer settle it. */
  async delete(id: string): Promise<void> {
    await this.#store.queues.deleteItem(this.name, validateId(id, 'id'))
  }

  /** The item in any state; NOT_FOUND when unknown, deleted or past retention. */
  async get(id: string): Promise<QueueItem<TData, TResult>> {
    const record = await this.#store.queues.getItem(this.name, validateId(id, 'id'))
    if (!record) throw queueItemNotFound(this.name, id)
    return this.#consumer.item(record)
  }

  /** How many items are in each state, read in one consistent step. */
  async counts(): Promise<QueueCounts> {
    const summary = await this.#store.queues.summary(this.name)
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
    const page = await this.#store.queues.listItems(this.name, state, offset, limit)
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
    return listenToQueue(this.#store, this.name, this.#closing, event, listener)
  }
}
