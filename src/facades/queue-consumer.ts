import { normalizeErrors, toJsonText } from '../domain/queue-input.js'
import type {
  QueueItemRecord,
  QueueRef,
  QueueSettlement,
  ReclaimResult,
} from '../store/queue-store.js'
import type { Store } from '../store/store.js'
import { type QueueItem, StartedItem, toQueueItem } from './queue-item.js'
import type { HandlerOutcome } from './queue-processor.js'

/**
 * The consuming side of one queue handle: pops (running the sweeper when due), settles and
 * heartbeats, each bound to the start (fencing token) the consumer holds.
 */
export class QueueConsumer<TData, TResult> {
  readonly #store: Store
  readonly #ref: QueueRef
  readonly #maxDataBytes: number
  readonly #reclaimEveryMs: number
  readonly #closing: AbortSignal
  /** The start each popped item holds; its finish, fail and heartbeat apply to that start only. */
  readonly #starts = new WeakMap<StartedItem<TData, TResult>, number>()
  #lastReclaim = 0

  constructor(
    store: Store,
    ref: QueueRef,
    limits: { maxDataBytes: number; reclaimEveryMs: number },
    closing: AbortSignal,
  ) {
    this.#store = store
    this.#ref = ref
    this.#maxDataBytes = limits.maxDataBytes
    this.#reclaimEveryMs = limits.reclaimEveryMs
    this.#closing = closing
  }

  /** Pops until an item comes, `deadline` passes or `signal` aborts (null then). */
  async popUntil(deadline: number, signal: AbortSignal) {
    return this.#unlessClosing(signal, async () => {
      for (;;) {
        const item = signal.aborted ? null : await this.tryPop()
        if (item) return item
        const left = deadline - Date.now()
        if (signal.aborted || left <= 0) return null
        const slice = Math.min(left, this.#reclaimEveryMs)
        await this.#store.queues.waitForItem(this.#ref.name, slice, signal)
      }
    })
  }

  async tryPop(): Promise<StartedItem<TData, TResult> | null> {
    return this.#unlessClosing(this.#closing, async () => {
      if (Date.now() - this.#lastReclaim >= this.#reclaimEveryMs) await this.reclaim()
      const record = await this.#store.queues.popAndStart(this.#ref)
      return record ? this.#started(record) : null
    })
  }

  reclaim(): Promise<ReclaimResult> {
    this.#lastReclaim = Date.now()
    return this.#store.queues.reclaimExpired(this.#ref)
  }

  /** Settles by a handler's outcome and, with popNext, pops the next item in the same step. */
  async settleAndPop(
    item: StartedItem<TData, TResult>,
    outcome: HandlerOutcome<TResult>,
    popNext: boolean,
  ): Promise<StartedItem<TData, TResult> | null> {
    let settlement: QueueSettlement
    try {
      settlement = outcome.ok ? this.#success(outcome.result) : this.#failure([outcome.error])
    } catch (invalid) {
      settlement = this.#failure([invalid])
    }
    const start = this.#starts.get(item) ?? null
    const settled = await this.#store.queues.settle(this.#ref, item.id, start, settlement, popNext)
    return settled.next ? this.#started(settled.next) : null
  }

  /** Finishes the item; `start` null finishes whichever start runs. */
  async finish(id: string, start: number | null, result: TResult) {
    return this.#settle(id, start, this.#success(result))
  }

  /** Fails the item; `start` null fails whichever start runs. */
  async fail(id: string, start: number | null, errors: unknown) {
    return this.#settle(id, start, this.#failure(errors))
  }

  heartbeat(id: string, start: number | null): Promise<number> {
    return this.#store.queues.heartbeat(this.#ref, id, start)
  }

  item(record: QueueItemRecord): QueueItem<TData, TResult> {
    return toQueueItem<TData, TResult>(this.#ref.name, record)
  }

  async #settle(id: string, start: number | null, settlement: QueueSettlement) {
    const settled = await this.#store.queues.settle(this.#ref, id, start, settlement, false)
    return this.item(settled.item)
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

  #success(result: TResult): QueueSettlement {
    return { to: 'finished', result: toJsonText(result, 'result', this.#maxDataBytes) }
  }

  #failure(errors: unknown): QueueSettlement {
    return {
      to: 'failed',
      errors: toJsonText(normalizeErrors(errors), 'errors', this.#maxDataBytes),
    }
  }

  #started(record: QueueItemRecord): StartedItem<TData, TResult> {
    const start = record.starts
    const item = new StartedItem(this.item(record), {
      finish: (result: TResult) => this.finish(record.id, start, result),
      fail: (errors) => this.fail(record.id, start, errors),
      heartbeat: () => this.heartbeat(record.id, start),
    })
    this.#starts.set(item, start)
    return item
  }
}
