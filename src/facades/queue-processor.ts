import { InvalidArgumentError } from '../errors/jobledger-error.js'
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

  constructor(
    source: ProcessorSource<unknown, unknown>,
    handler: ItemHandler<unknown, unknown>,
    options: ProcessOptions,
    closing: AbortSignal,
  ) {
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
      const item: StartedItem | null = next ?? (await this.#pop(source))
      next = null
      if (!item) continue
      const outcome = await this.#run(item, handler, source.leaseMs)
      next = await source
        .settle(item, outcome, !this.#signal.aborted)
        .catch((error: unknown) => this.#report(error))
    }
  }

  async #pop(source: ProcessorSource<unknown, unknown>): Promise<StartedItem | null> {
    return source.pop(this.#signal).catch((error: unknown) => this.#report(error))
  }

  async #run(
    item: StartedItem,
    handler: ItemHandler<unknown, unknown>,
    leaseMs: number,
  ): Promise<HandlerOutcome<unknown>> {
    const beat = setInterval(
      () => void item.heartbeat().catch((error: unknown) => this.#report(error)),
      Math.max(1, Math.floor(leaseMs / 3)),
    )
    try {
      return { ok: true, result: await handler(item) }
    } catch (error) {
      return { ok: false, error }
    } finally {
      clearInterval(beat)
    }
  }

  #report(error: unknown): null {
    this.#onError(error)
    return null
  }
}
