import { InvalidArgumentError, JobledgerError } from '../errors/jobledger-error.js'
import { withJitter } from './backoff.js'
import { HeldHeartbeats, isItemRefusal, LazyItemSignal } from './held-items.js'
import type { StartedItem } from './queue-item.js'

export interface ProcessOptions {
  /** Items handled at once, each in its own loop; default 1. */
  concurrency?: number
  /** Called with errors the loop cannot hand to a caller (a lost lease, a store outage). */
  onError?: (error: unknown) => void
}

/** What a handler gets besides its item. */
export interface HandlerContext {
  /**
   * Aborted when the item's lease is lost (taken over, retried or deleted), when
   * `stop({ timeoutMs })` stops waiting for the handler, or when the ledger closes.
   */
  signal: AbortSignal
}

export type ItemHandler<TData, TResult> = (
  item: StartedItem<TData, TResult>,
  context: HandlerContext,
) => TResult | Promise<TResult>

export interface StopProcessorOptions {
  /**
   * How long to wait for the items in hand, in ms; after that their handlers' signals abort,
   * their heartbeats stop (the sweeper hands them out again) and stop() resolves. Default: wait.
   */
  timeoutMs?: number
}

export interface StopProcessorResult {
  /** Items still in hand when the timeout passed (0 when every item was settled in time). */
  abandoned: number
}

export type HandlerOutcome<TResult> = { ok: true; result: TResult } | { ok: false; error: unknown }

/** The processor's timers; tests pass their own to drive heartbeats and pauses by hand. */
export interface ProcessorTimers {
  /** Calls `tick` every `ms` until the returned function is called. */
  every(ms: number, tick: () => void): () => void
  /** Resolves after `ms`, or at once when `signal` aborts. */
  pause(ms: number, signal: AbortSignal): Promise<void>
  /** Jitter of the error pauses, from 0 to 1; without it pauses are exact (tests). */
  random?(): number
}

export const realTimers: ProcessorTimers = {
  random: Math.random,
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

/** The lease the queue gave the item (its own policy), else `fallback`. */
function leaseOf(item: StartedItem, fallback: number): number {
  const { leaseUntil, startedAt } = item
  return typeof leaseUntil === 'number' && typeof startedAt === 'number'
    ? leaseUntil - startedAt
    : fallback
}

/** What a processor needs from its queue. */
export interface ProcessorSource<TData, TResult> {
  /** The lease to heartbeat for when an item does not tell its own. */
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
  /** Aborted when stop() stops waiting: the handlers in hand are abandoned. */
  readonly #abandon = new AbortController()
  readonly #inHand = new Set<StartedItem>()
  readonly #signal: AbortSignal
  readonly #onError: (error: unknown) => void
  readonly #timers: ProcessorTimers
  /** What ends every handler's signal: stop() giving up on it, or the ledger closing. */
  readonly #ends: readonly AbortSignal[]
  readonly #heartbeats: HeldHeartbeats
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
    this.#heartbeats = new HeldHeartbeats(timers, this.#onError)
    this.#ends = [this.#abandon.signal, closing]
    // An abandoned item gets no more heartbeats: its lease runs out and the sweeper requeues it.
    const endHeartbeats = () => this.#heartbeats.end()
    for (const end of this.#ends) end.addEventListener('abort', endHeartbeats, { once: true })
    if (closing.aborted) endHeartbeats()
    const slots = Array.from({ length: concurrency }, () => this.#slot(source, handler))
    // Cleaned up once every slot has ended, also when one rejected (an onError that threw).
    void Promise.allSettled(slots).then(() => {
      endHeartbeats()
      for (const end of this.#ends) end.removeEventListener('abort', endHeartbeats)
    })
    this.done = Promise.all(slots).then(() => {})
  }

  /**
   * Stops taking items; resolves once the items in hand are settled, or once `timeoutMs`
   * passed (see StopProcessorOptions), saying how many items were abandoned.
   */
  async stop(options: StopProcessorOptions = {}): Promise<StopProcessorResult> {
    const timeoutMs = options?.timeoutMs
    if (timeoutMs !== undefined && !(Number.isFinite(timeoutMs) && timeoutMs >= 0)) {
      throw new InvalidArgumentError('timeoutMs must be a number of milliseconds, 0 or more.')
    }
    this.#stop.abort()
    if (timeoutMs === undefined) return this.done.then(() => ({ abandoned: 0 }))
    const settled = new AbortController()
    void this.done.then(() => settled.abort())
    await this.#timers.pause(timeoutMs, settled.signal)
    if (settled.signal.aborted) return { abandoned: 0 }
    const abandoned = this.#inHand.size
    this.#abandon.abort(
      new JobledgerError('CLOSED', `worker.stop() gave up after ${timeoutMs} ms.`),
    )
    return { abandoned }
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
      this.#inHand.add(item)
      const outcome = await this.#run(item, handler, leaseOf(item, source.leaseMs))
      next = await this.#attempt(() => source.settle(item, outcome, !this.#signal.aborted))
      this.#inHand.delete(item)
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
      const exact = Math.min(
        FIRST_ERROR_PAUSE_MS * 2 ** Math.min(this.#errorsInRow++, 20),
        MAX_ERROR_PAUSE_MS,
      )
      const random = this.#timers.random
      await this.#timers.pause(random ? withJitter(exact, random) : exact, this.#signal)
      return null
    }
  }

  async #run(
    item: StartedItem,
    handler: ItemHandler<unknown, unknown>,
    leaseMs: number,
  ): Promise<HandlerOutcome<unknown>> {
    const context = new ItemContext(new LazyItemSignal(this.#ends))
    this.#heartbeats.hold(item, leaseMs, context.itemSignal)
    try {
      return { ok: true, result: await handler(item, context) }
    } catch (error) {
      return { ok: false, error }
    } finally {
      this.#heartbeats.release(item)
    }
  }
}

/** The context a handler gets; its signal is made when the handler reads it. */
class ItemContext implements HandlerContext {
  readonly itemSignal: LazyItemSignal

  constructor(itemSignal: LazyItemSignal) {
    this.itemSignal = itemSignal
  }

  get signal(): AbortSignal {
    return this.itemSignal.signal
  }
}
