import { validateId } from '../domain/ids.js'
import { queueItemNotFound } from '../domain/queue-errors.js'
import {
  DEFAULT_MAX_DATA_BYTES,
  normalizeErrors,
  toJsonText,
  validateMs,
} from '../domain/queue-input.js'
import {
  QUEUE_STATES,
  type QueueCounts,
  type QueueState,
  type QueueStateChange,
  queueTopic,
} from '../domain/queue-item.js'
import { InvalidArgumentError } from '../errors/jobledger-error.js'
import type {
  QueueItemRecord,
  QueueRef,
  QueueSettlement,
  ReclaimResult,
} from '../store/queue-store.js'
import type { Store } from '../store/store.js'
import {
  decodeCursor,
  type QueueItem,
  StartedItem,
  toQueueItem,
  toStateChange,
} from './queue-item.js'
import {
  type HandlerOutcome,
  type ItemHandler,
  type ProcessOptions,
  QueueProcessor,
} from './queue-processor.js'
import { registerUnit } from './registered-units.js'

export interface QueueOptions {
  /** How long a started item stays leased without heartbeat(); default 30 000 ms. */
  leaseMs?: number
  /** Starts before an item whose lease keeps expiring is failed; default 3. */
  maxAttempts?: number
  /** How long finished and failed items are kept; default one day. */
  retainMs?: number
  /** Largest data, result or errors, as JSON bytes; default 1 MB. */
  maxDataBytes?: number
  /** How often this queue's pops run the sweeper; default min(leaseMs / 2, 1000) ms. */
  reclaimEveryMs?: number
}

export interface PopOptions {
  /** How long to wait for an item; 0 (the default) waits until one comes or the ledger closes. */
  timeoutMs?: number
}

export interface QueueListOptions {
  cursor?: string | null
  /** Items per page, 1 to 1000; default 50. */
  limit?: number
}

export interface QueueListResult<TData, TResult> {
  items: QueueItem<TData, TResult>[]
  cursor: string | null
}

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
  readonly #reclaimEveryMs: number
  readonly #closing: AbortSignal
  #lastReclaim = 0

  constructor(store: Store, name: string, options: QueueOptions, closing: AbortSignal) {
    this.name = validateId(name, 'queue name')
    const leaseMs = validateMs(options.leaseMs, 'leaseMs', 30_000, 1)
    this.#ref = {
      name,
      leaseMs,
      retainMs: validateMs(options.retainMs, 'retainMs', 86_400_000, 1),
      maxAttempts: validateMs(options.maxAttempts, 'maxAttempts', 3, 1),
    }
    this.#maxDataBytes = validateMs(options.maxDataBytes, 'maxDataBytes', DEFAULT_MAX_DATA_BYTES, 2)
    const sweep = Math.min(Math.max(Math.floor(leaseMs / 2), 1), 1000)
    this.#reclaimEveryMs = validateMs(options.reclaimEveryMs, 'reclaimEveryMs', sweep, 1)
    this.#store = store
    this.#closing = closing
  }

  /** Stores `data` (JSON) as a new waiting item at the end of the queue; returns its id. */
  async createAndPush(data: TData): Promise<string> {
    const text = toJsonText(data, 'data', this.#maxDataBytes)
    const pushed = await this.#store.queues.createAndPush(this.#ref, text)
    await registerUnit(this.#store, 'queue', this.name, pushed.created, pushed.createdAt)
    return pushed.id
  }

  /**
   * Takes the oldest waiting item and starts it (waiting → running in one step), waiting up to
   * `timeoutMs` for one (0: until one comes). Null on timeout or when the ledger closes.
   * The wait has a connection of its own; the ledger's other calls go on meanwhile.
   */
  async popAndStart(options: PopOptions = {}): Promise<StartedItem<TData, TResult> | null> {
    const timeoutMs = validateMs(options?.timeoutMs, 'timeoutMs', 0, 0)
    return this.#popUntil(
      timeoutMs === 0 ? Number.POSITIVE_INFINITY : Date.now() + timeoutMs,
      this.#closing,
    )
  }

  /**
   * Runs `handler` on items as they come, `concurrency` at a time, until `stop()` or the
   * ledger closes: heartbeats while it runs, finishes the item with what it returns or fails
   * it with what it throws, and takes the next item in the same round trip.
   *
   * @example
   * const worker = q.process(async (item) => importFile(item.data), { concurrency: 4 })
   * await worker.stop()
   */
  process(handler: ItemHandler<TData, TResult>, options: ProcessOptions = {}): QueueProcessor {
    const source = {
      leaseMs: this.#ref.leaseMs,
      pop: (signal: AbortSignal) => this.#popUntil(Number.POSITIVE_INFINITY, signal),
      settle: (
        item: StartedItem<TData, TResult>,
        outcome: HandlerOutcome<TResult>,
        popNext: boolean,
      ) => this.#settleAndPop(item, outcome, popNext),
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
    return this.#unlessClosing(this.#closing, async () => {
      await this.#sweepIfDue()
      const record = await this.#store.queues.popAndStart(this.#ref)
      return record ? this.#started(record) : null
    })
  }

  /** running → finished for whichever attempt runs; INVALID_TRANSITION from any other state. */
  async finish(id: string, result: TResult): Promise<QueueItem<TData, TResult>> {
    return this.#finish(validateId(id, 'id'), null, result)
  }

  /** running → failed, keeping `errors` (an array, an Error or a JSON value). */
  async fail(id: string, errors: unknown): Promise<QueueItem<TData, TResult>> {
    return this.#fail(validateId(id, 'id'), null, errors)
  }

  /** Extends a running item's lease by leaseMs from now; returns the new lease end. */
  async heartbeat(id: string): Promise<number> {
    return this.#store.queues.heartbeat(this.#ref, validateId(id, 'id'), null)
  }

  /** finished | failed → waiting, at the end of the queue, with attempts reset to 0. */
  async retry(id: string): Promise<QueueItem<TData, TResult>> {
    const record = await this.#store.queues.retry(this.#ref, validateId(id, 'id'))
    return this.#item(record)
  }

  /** Removes an item in any state with its data; a consumer holding it can no longer settle it. */
  async delete(id: string): Promise<void> {
    await this.#store.queues.deleteItem(this.name, validateId(id, 'id'))
  }

  /** The item in any state; NOT_FOUND when unknown, deleted or past retention. */
  async get(id: string): Promise<QueueItem<TData, TResult>> {
    const record = await this.#store.queues.getItem(this.name, validateId(id, 'id'))
    if (!record) throw queueItemNotFound(this.name, id)
    return this.#item(record)
  }

  /** How many items are in each state, read in one consistent step. */
  async counts(): Promise<QueueCounts> {
    const summary = await this.#store.queues.summary(this.name)
    return summary?.counts ?? { waiting: 0, running: 0, finished: 0, failed: 0 }
  }

  /** One page of the items in `state`; pass the returned cursor for the next page. */
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
    return { items: page.items.map((record) => this.#item(record)), cursor }
  }

  /**
   * The sweeper: running items whose lease ended go back to waiting, or fail once started
   * maxAttempts times. Consumers run it on their pops every reclaimEveryMs; call it by hand too.
   */
  async reclaimExpired(): Promise<ReclaimResult> {
    this.#lastReclaim = Date.now()
    return this.#store.queues.reclaimExpired(this.#ref)
  }

  /**
   * Calls `listener` with every state change of this queue, made by any process sharing the
   * store. Resolves once listening, to a function that stops it; closing the ledger stops it too.
   */
  async on(
    event: 'stateChanged',
    listener: (change: QueueStateChange) => void,
  ): Promise<() => Promise<void>> {
    if (event !== 'stateChanged') {
      throw new InvalidArgumentError(`Queues emit 'stateChanged' only, got ${String(event)}.`)
    }
    if (typeof listener !== 'function')
      throw new InvalidArgumentError('listener must be a function.')
    const unsubscribe = await this.#store.events.subscribe(queueTopic(this.name), ({ payload }) =>
      listener(toStateChange(payload)),
    )
    const stop = () => void unsubscribe()
    this.#closing.addEventListener('abort', stop, { once: true })
    return async () => {
      this.#closing.removeEventListener('abort', stop)
      await unsubscribe()
    }
  }

  async #popUntil(deadline: number, signal: AbortSignal) {
    return this.#unlessClosing(signal, async () => {
      for (;;) {
        const item = signal.aborted ? null : await this.tryPopAndStart()
        if (item) return item
        const left = deadline - Date.now()
        if (signal.aborted || left <= 0) return null
        const slice = Math.min(left, this.#reclaimEveryMs)
        await this.#store.queues.waitForItem(this.name, slice, signal)
      }
    })
  }

  /** Runs a pop; once the ledger or `signal` is closing, it ends with null instead of an error. */
  async #unlessClosing<T>(signal: AbortSignal, pop: () => Promise<T | null>): Promise<T | null> {
    if (signal.aborted || this.#closing.aborted) return null
    try {
      return await pop()
    } catch (error) {
      if (signal.aborted || this.#closing.aborted) return null
      throw error
    }
  }

  async #settleAndPop(
    item: StartedItem<TData, TResult>,
    outcome: HandlerOutcome<TResult>,
    popNext: boolean,
  ): Promise<StartedItem<TData, TResult> | null> {
    let settlement: QueueSettlement
    try {
      settlement = outcome.ok
        ? { to: 'finished', result: toJsonText(outcome.result, 'result', this.#maxDataBytes) }
        : this.#failure([outcome.error])
    } catch (invalid) {
      settlement = this.#failure([invalid])
    }
    const settled = await this.#store.queues.settle(
      this.#ref,
      item.id,
      item.attempts,
      settlement,
      popNext,
    )
    return settled.next ? this.#started(settled.next) : null
  }

  #failure(errors: unknown): QueueSettlement {
    return {
      to: 'failed',
      errors: toJsonText(normalizeErrors(errors), 'errors', this.#maxDataBytes),
    }
  }

  async #sweepIfDue(): Promise<void> {
    if (Date.now() - this.#lastReclaim >= this.#reclaimEveryMs) await this.reclaimExpired()
  }

  async #finish(id: string, attempt: number | null, result: TResult) {
    const text = toJsonText(result, 'result', this.#maxDataBytes)
    const settlement = { to: 'finished' as const, result: text }
    const settled = await this.#store.queues.settle(this.#ref, id, attempt, settlement, false)
    return this.#item(settled.item)
  }

  async #fail(id: string, attempt: number | null, errors: unknown) {
    const settlement = this.#failure(errors)
    const settled = await this.#store.queues.settle(this.#ref, id, attempt, settlement, false)
    return this.#item(settled.item)
  }

  #item(record: QueueItemRecord): QueueItem<TData, TResult> {
    return toQueueItem<TData, TResult>(this.name, record)
  }

  #started(record: QueueItemRecord): StartedItem<TData, TResult> {
    return new StartedItem(this.#item(record), {
      finish: (id, attempt, result) => this.#finish(id, attempt, result),
      fail: (id, attempt, errors) => this.#fail(id, attempt, errors),
      heartbeat: (id, attempt) => this.#store.queues.heartbeat(this.#ref, id, attempt),
    })
  }
}
