import { JobledgerError } from '../errors/jobledger-error.js'
import type { StartedItem } from './queue-item.js'
import type { ProcessorTimers } from './queue-processor.js'

/** Refusals about one item (its lease was lost, it was deleted): the store itself is fine. */
const ITEM_REFUSALS = new Set(['CONFLICT', 'NOT_FOUND', 'INVALID_TRANSITION'])

export function isItemRefusal(error: unknown): boolean {
  return error instanceof JobledgerError && ITEM_REFUSALS.has(error.code)
}

/**
 * A handler's signal (its item's lease lost, or one of `ends` aborted), made only when the
 * handler reads it: most handlers never do, and an AbortSignal.any per item was the dearest
 * part of the client work of a short item.
 */
export class LazyItemSignal {
  readonly #ends: readonly AbortSignal[]
  #leaseLost: AbortController | null = null
  #lost: { reason: unknown } | null = null
  #signal: AbortSignal | null = null

  constructor(ends: readonly AbortSignal[]) {
    this.#ends = ends
  }

  get signal(): AbortSignal {
    if (this.#signal !== null) return this.#signal
    const leaseLost = new AbortController()
    if (this.#lost !== null) leaseLost.abort(this.#lost.reason)
    this.#leaseLost = leaseLost
    this.#signal = AbortSignal.any([leaseLost.signal, ...this.#ends])
    return this.#signal
  }

  loseLease(reason: unknown): void {
    this.#lost ??= { reason }
    this.#leaseLost?.abort(reason)
  }
}

interface Held {
  signal: LazyItemSignal
  beating: boolean
  /** A third of the item's lease: how often it needs a heartbeat. */
  everyMs: number
}

/**
 * The heartbeats of the items whose handlers run: one timer for all of them, every third of
 * the shortest lease held, rather than a timer and two abort listeners per item (which cost
 * a short item more than its settle). Each tick extends the lease of every item held, so no
 * item goes longer than a third of its lease without one. The timer runs until end(), also
 * while nothing is held (starting and stopping it per item is what it saves); its period
 * grows back on the first tick that holds only longer leases. An item whose heartbeat is refused
 * (taken over, retried or deleted) gets no more, and its handler's signal aborts.
 */
export class HeldHeartbeats {
  readonly #timers: ProcessorTimers
  readonly #onError: (error: unknown) => void
  readonly #held = new Map<StartedItem, Held>()
  #cancel: (() => void) | null = null
  #everyMs = Number.POSITIVE_INFINITY
  #ended = false

  constructor(timers: ProcessorTimers, onError: (error: unknown) => void) {
    this.#timers = timers
    this.#onError = onError
  }

  hold(item: StartedItem, leaseMs: number, signal: LazyItemSignal): void {
    const everyMs = Math.max(1, Math.floor(leaseMs / 3))
    const shorter = everyMs < this.#everyMs
    // The timer starts over at a shorter period: the items already held are beaten now, so
    // none waits longer than a third of its lease across the restart.
    if (!this.#ended && shorter && this.#held.size > 0) this.#beat()
    this.#held.set(item, { signal, beating: true, everyMs })
    if (!this.#ended && shorter) this.#restart(everyMs)
  }

  release(item: StartedItem): void {
    this.#held.delete(item)
  }

  /** No more heartbeats: the items still held are left to their leases (and the sweeper). */
  end(): void {
    this.#ended = true
    this.#cancel?.()
    this.#cancel = null
  }

  #restart(everyMs: number): void {
    this.#cancel?.()
    this.#everyMs = everyMs
    this.#cancel = this.#timers.every(everyMs, () => this.#tick())
  }

  /** Each tick: beats every item held, then lengthens the period once no held item needs it. */
  #tick(): void {
    this.#beat()
    let needed = Number.POSITIVE_INFINITY
    for (const held of this.#held.values()) needed = Math.min(needed, held.everyMs)
    if (needed > this.#everyMs && needed !== Number.POSITIVE_INFINITY) this.#restart(needed)
  }

  #beat(): void {
    for (const [item, held] of this.#held) {
      if (!held.beating) continue
      item.heartbeat().catch((error: unknown) => {
        if (isItemRefusal(error)) {
          held.beating = false
          held.signal.loseLease(error)
        }
        this.#onError(error)
      })
    }
  }
}
