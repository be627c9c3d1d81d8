import type { QueueState, QueueStateChange } from '../domain/queue-item.js'
import { InvalidArgumentError } from '../errors/jobledger-error.js'
import type { QueueItemRecord } from '../store/queue-store.js'
import type { WriteOptions } from './write-runner.js'

/** A snapshot of one item of a tracked queue. */
export interface QueueItem<TData = unknown, TResult = unknown> {
  id: string
  queue: string
  state: QueueState
  data: TData
  /** What finish() stored; null unless finished. */
  result: TResult | null
  /** What fail() stored (or the sweeper's message); null unless failed. */
  errors: unknown[] | null
  createdAt: number
  startedAt: number | null
  finishedAt: number | null
  /** Starts since creation or the last retry(); the sweeper fails the item at maxAttempts. */
  attempts: number
  /** While running: when the lease ends unless heartbeat() extends it. */
  leaseUntil: number | null
}

/** What `finishAndPopNext` and `failAndPopNext` answer. */
export interface SettledAndNext<TData = unknown, TResult = unknown> {
  /** The item as this settle left it (finished or failed). */
  settled: QueueItem<TData, TResult>
  /** The oldest waiting item, started for the caller in the same step; null when none waited. */
  next: StartedItem<TData, TResult> | null
}

/** The operations a started item delegates to its queue's consumer, with the start it holds. */
export interface StartedItemActions<TResult> {
  finish(id: string, start: number, result: TResult, options?: WriteOptions): Promise<QueueItem>
  fail(id: string, start: number, errors: unknown, options?: WriteOptions): Promise<QueueItem>
  heartbeat(id: string, start: number): Promise<number>
  settleAndPopNext(
    id: string,
    start: number,
    to: 'finished' | 'failed',
    value: unknown,
    options: WriteOptions | undefined,
  ): Promise<SettledAndNext>
}

/**
 * An item popped by popAndStart: running, leased to this consumer. finish, fail and heartbeat
 * apply to this start only; once the item was started again (the sweeper handed it to another
 * consumer, or it was retried and popped again) they throw CONFLICT and change nothing.
 */
export class StartedItem<TData = unknown, TResult = unknown> implements QueueItem<TData, TResult> {
  readonly id: string
  readonly queue: string
  readonly state: QueueState
  readonly data: TData
  readonly result: TResult | null = null
  readonly errors: unknown[] | null = null
  readonly createdAt: number
  readonly startedAt: number | null
  readonly finishedAt: number | null = null
  readonly attempts: number
  leaseUntil: number | null
  /** The start (fencing token) this consumer holds. */
  readonly #start: number
  readonly #actions: StartedItemActions<TResult>

  /**
   * The start a started item holds, for the consumer that made it.
   * @internal
   */
  static startOf(item: StartedItem): number {
    return item.#start
  }

  constructor(
    item: QueueItem<TData, TResult>,
    start: number,
    actions: StartedItemActions<TResult>,
  ) {
    this.#start = start
    this.id = item.id
    this.queue = item.queue
    this.state = item.state
    this.data = item.data
    this.createdAt = item.createdAt
    this.startedAt = item.startedAt
    this.attempts = item.attempts
    this.leaseUntil = item.leaseUntil
    this.#actions = actions
  }

  /**
   * running → finished, storing `result` (JSON). Returns the finished item. Repeated with its
   * `{ opId }`, it answers the item as it is instead of refusing.
   */
  finish(result: TResult, options?: WriteOptions): Promise<QueueItem<TData, TResult>> {
    return this.#actions.finish(this.id, this.#start, result, options) as Promise<
      QueueItem<TData, TResult>
    >
  }

  /** running → failed, storing `errors` (an array, an Error or a JSON value). */
  fail(errors: unknown, options?: WriteOptions): Promise<QueueItem<TData, TResult>> {
    return this.#actions.fail(this.id, this.#start, errors, options) as Promise<
      QueueItem<TData, TResult>
    >
  }

  /**
   * finish() and popAndStart() in one round trip: finishes this start and starts the oldest
   * waiting item for the caller in the same atomic step (`next`, null when none waited; it
   * never waits). Repeated with its `{ opId }`, it answers the same settled item and the same
   * next item while that one still runs.
   *
   * @example
   * let item = await q.popAndStart()
   * while (item) item = (await item.finishAndPopNext(await work(item.data))).next
   */
  finishAndPopNext(
    result: TResult,
    options?: WriteOptions,
  ): Promise<SettledAndNext<TData, TResult>> {
    const settled = this.#actions.settleAndPopNext(
      this.id,
      this.#start,
      'finished',
      result,
      options,
    )
    return settled as Promise<SettledAndNext<TData, TResult>>
  }

  /** fail() and popAndStart() in one round trip, as finishAndPopNext does. */
  failAndPopNext(errors: unknown, options?: WriteOptions): Promise<SettledAndNext<TData, TResult>> {
    const settled = this.#actions.settleAndPopNext(this.id, this.#start, 'failed', errors, options)
    return settled as Promise<SettledAndNext<TData, TResult>>
  }

  /** Extends the lease by leaseMs from now; returns (and records) the new lease end. */
  async heartbeat(): Promise<number> {
    this.leaseUntil = await this.#actions.heartbeat(this.id, this.#start)
    return this.leaseUntil
  }

  toJSON(): QueueItem<TData, TResult> {
    const { id, queue, state, data, result, errors } = this
    const { createdAt, startedAt, finishedAt, attempts, leaseUntil } = this
    return {
      id,
      queue,
      state,
      data,
      result,
      errors,
      createdAt,
      startedAt,
      finishedAt,
      attempts,
      leaseUntil,
    }
  }
}

/** Turns a stored record into the public snapshot, parsing the JSON it holds. */
export function toQueueItem<TData, TResult>(
  queue: string,
  record: QueueItemRecord,
): QueueItem<TData, TResult> {
  const outcome = record.outcome === null ? null : (JSON.parse(record.outcome) as unknown)
  return {
    id: record.id,
    queue,
    state: record.state,
    data: JSON.parse(record.data) as TData,
    result: record.state === 'finished' ? (outcome as TResult) : null,
    errors: record.state === 'failed' ? (outcome as unknown[]) : null,
    createdAt: record.createdAt,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
    attempts: record.attempts,
    leaseUntil: record.leaseUntil,
  }
}

/** Reads a stateChanged event payload (absent from/to mean created/deleted). */
export function toStateChange(payload: Record<string, unknown>): QueueStateChange {
  return {
    queue: String(payload.queue),
    id: String(payload.id),
    from: (payload.from ?? null) as QueueState | null,
    to: (payload.to ?? null) as QueueState | null,
    at: Number(payload.at),
  }
}

/** A list() cursor is the decimal offset of the next page. */
export function decodeCursor(cursor: unknown): number {
  if (cursor === undefined || cursor === null) return 0
  if (typeof cursor === 'string' && /^\d{1,15}$/.test(cursor)) return Number(cursor)
  throw new InvalidArgumentError(
    `cursor must be a cursor returned by list(), got ${String(cursor)}; omit it for the first page.`,
  )
}
