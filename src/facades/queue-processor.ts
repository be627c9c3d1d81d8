import { InvalidArgumentError, JobledgerError } from '../errors/jobledger-error.js'
import type { StartedItem } from './queue-item.js'

export interface ProcessOptions {
  /** Items handled at once, each in its own loop; default 1. */
  concurrency?: number
  /** Called with errors the loop cannot hand to a caller (a lost lease, a store outage). */
  onError?: (error: unknown) => void
}

export type ItemHandler<TData, TResult> = (
  item: StartedItem<TData, TResult>,
) => TResult | Promise<TResult>

export type HandlerOutcome<TResult> = { ok: true; result: TResult } | { ok: false; error: unknown }

/** The processor's timers; tests pass their own to drive heartbeats and pauses by hand. */
export interface ProcessorTimers {
  /** Calls `tick` every `ms` until the returned function is called. */
  every(ms: number, tick: () => void): () => void
  /** Resolves after `ms`, or at once when `signal` aborts. */
  pause(ms: number, signal: AbortSignal): Promise<void>
}

export const realTimers: ProcessorTimers = {
  every(ms, tick) {
    const timer = setInterval(tick, ms)
    return () => clearInterval(timer)
  },
  pause(ms, signal) {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve()
      const done = () => {
        clearTimeout(timer)
        signal.removeEventListener('abort', done)
        resolve()
      }
      const timer = setTimeout(done, ms)
      signal.addEventListener('abort', done, { once: true })
    })
  },
}

/** The first pause after a store error; it doubles with each error in a row, up to the cap. */
export const FIRST_ERROR_PAUSE_MS = 50
export const MAX_ERROR_PAUSE_MS = 5000

/** Refusals about one item (its lease was lost, it was deleted): the store itself is fine. */
const ITEM_REFUSALS = new Set(['CONFLICT', 'NOT_FOUND', 'INVALID_TRANSITION'])

function isItemRefusal(error: unknown): boolean {
  return error instanceof JobledgerError && ITEM_REFUSALS.has(error.code)
}

/** What a processor needs from its queue. */
export interface ProcessorSource<TData, TResult> {
  readonly leaseMs: number
  /** Pops and starts one item, waiting until `signal` aborts; null then. */
  pop(signal: AbortSignal): Promise<StartedItem<TData, TResult> | null>
  /** Settles the item by the handler's outcome and, when asked, pops the next in the same step. */
  settle(
    item: StartedItem<TData, TResult>,
    outcome: HandlerOutcome<TResult>,
    popNext: boolean,
  ): Promise<StartedItem<TData, TResult> | null>
}

/**
 * A running consumer loop started by `queue.process()`: each slot pops an item, runs the
 * handler while heartbeating its lease, then finishes it with the handler's result (or fails
 * it with what the handler threw) and takes the next item in the same round trip.
 */
export class QueueProcessor {
  /** Resolves when every slot has stopped. */
  readonly done: Promise<void>
  readonly #stop = new AbortController()
  readonly #signal: AbortSignal
  readonly #onError: (error: unknown) => void
  readonly #timers: ProcessorTimers
  /** Store errors in a row (pops and settles); any success resets it. */
  #errorsInRow = 0

  constructor(
    source: ProcessorSource<unknown, unknown>,
    handler: ItemHandler<unknown, unknown>,
    options: ProcessOptions,
    closing: AbortSignal,
    timers: ProcessorTimers = realTimers,
  ) {
    this.#timers = timers
    const concurrency = options.concurrency ?? 1
    if (!Number.isSafeInteger(concurrency) || concurrency < 1 || concurrency > 1000) {
      throw new InvalidArgumentError(`concurrency must be a whole number from 1 to 1000.`)
    }
    if (typeof handler !== 'function') throw new InvalidArgumentError('handler must be a function.')
    this.#signal = AbortSignal.any([closing, this.#stop.signal])
    this.#onError = options.onError ?? (() => {})
    const slots = Array.from({ length: concurrency }, () => this.#slot(source, handler))
    this.done = Promise.all(slots).then(() => {})
  }

  /** Stops taking items; resolves once the items in hand are settled. */
  stop(): Promise<void> {
    this.#stop.abort()
    return this.done
  }

  async #slot(
    source: ProcessorSource<unknown, unknown>,
    handler: ItemHandler<unknown, unknown>,
  ): Promise<void> {
    let next: StartedItem | null = null
    while (next || !this.#signal.aborted) {
      const item: StartedItem | null = next ?? (await this.#attempt(() => source.pop(this.#signal)))
      next = null
      if (!item) continue
      const outcome = await this.#run(item, handler, source.leaseMs)
      next = await this.#attempt(() => source.settle(item, outcome, !this.#signal.aborted))
    }
  }

  /**
   * Runs a pop or settle. A store error goes to onError, then the slot pauses, twice as long
   * for each error in a row (capped), so an outage is neither hammered nor flooded into
   * onError. A refusal about the item itself is reported without pausing.
   */
  async #attempt(step: () => Promise<StartedItem | null>): Promise<StartedItem | null> {
    try {
      const result = await step()
      this.#errorsInRow = 0
      return result
    } catch (error) {
      this.#onError(error)
      if (isItemRefusal(error)) return null
      const pause = FIRST_ERROR_PAUSE_MS * 2 ** Math.min(this.#errorsInRow++, 20)
      await this.#timers.pause(Math.min(pause, MAX_ERROR_PAUSE_MS), this.#signal)
      return null
    }
  }

  async #run(
    item: StartedItem,
    handler: ItemHandler<unknown, unknown>,
    leaseMs: number,
  ): Promise<HandlerOutcome<unknown>> {
    const stop = this.#timers.every(Math.max(1, Math.floor(leaseMs / 3)), () => {
      item.heartbeat().catch((error: unknown) => {
        // The item was taken over, retried or deleted: heartbeating it again cannot help.
        if (isItemRefusal(error)) stop()
        this.#onError(error)
      })
    })
    try {
      return { ok: true, result: await handler(item) }
    } catch (error) {
      return { ok: false, error }
    } finally {
      stop()
    }
  }
}
