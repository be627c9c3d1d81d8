import type { StatusPatch } from '../store/status-store.js'
import { mergePatches } from './status-patch.js'

/** Time and timers for throttling; tests pass a manual one. Timers never keep the process alive. */
export interface Scheduler {
  now(): number
  /** Runs `fn` after `ms`; returns a function that cancels it. */
  setTimer(fn: () => void, ms: number): () => void
}

export const systemScheduler: Scheduler = {
  now: () => performance.now(),
  setTimer: (fn, ms) => {
    const timer = setTimeout(fn, ms)
    timer.unref()
    return () => clearTimeout(timer)
  },
}

/** Told when a writer starts or stops holding changes not yet written. */
export interface PendingTracker {
  dirty(writer: StatusWriter): void
  clean(writer: StatusWriter): void
}

/*
 * The write path of one status. `buffer` coalesces changes into one pending patch that is
 * written at most once per `throttleMs` (the first change after a quiet interval goes out at
 * once, later ones when the interval ends); `writeNow` and `flush` write everything pending
 * and wait for it. Writes of one writer never overlap, so they reach the store in call order.
 * A failed write puts its patch back in front of what is pending; the error is thrown by the
 * next flush or writeNow. `send` resolves to an error to report when it wrote only part of a
 * patch on purpose (fields over the size limit): that patch is not written again.
 */
export class StatusWriter {
  readonly #send: (patch: StatusPatch) => Promise<Error | null>
  readonly #throttleMs: number
  readonly #scheduler: Scheduler
  readonly #tracker: PendingTracker
  #pending: StatusPatch | null = null
  #inFlight: Promise<void> | null = null
  #lastWriteAt = Number.NEGATIVE_INFINITY
  #cancelTimer: (() => void) | null = null
  #error: unknown = null
  #writes = 0

  constructor(
    send: (patch: StatusPatch) => Promise<Error | null>,
    throttleMs: number,
    scheduler: Scheduler,
    tracker: PendingTracker,
  ) {
    this.#send = send
    this.#throttleMs = throttleMs
    this.#scheduler = scheduler
    this.#tracker = tracker
  }

  /** Store writes started so far. */
  get writes(): number {
    return this.#writes
  }

  get hasPending(): boolean {
    return this.#pending !== null || this.#inFlight !== null
  }

  /** Queues a change; it is written within throttleMs (at once when the last write is older). */
  buffer(change: StatusPatch): void {
    this.#add(change)
    this.#schedule()
  }

  /** Writes every pending change and `change` now, in one write; rejects if that fails. */
  async writeNow(change: StatusPatch): Promise<void> {
    this.#add(change)
    await this.flush()
  }

  /** Writes what is pending and waits for it; throws an error a background write met. */
  async flush(): Promise<void> {
    try {
      await this.#drain()
    } finally {
      this.#settle()
    }
    const error = this.#error
    this.#error = null
    if (error !== null) throw error
  }

  /** Stops any timer; pending changes stay until a flush. */
  cancelTimer(): void {
    this.#cancelTimer?.()
    this.#cancelTimer = null
  }

  #add(change: StatusPatch): void {
    if (this.#pending === null && this.#inFlight === null) this.#tracker.dirty(this)
    this.#pending = this.#pending === null ? change : mergePatches(this.#pending, change)
  }

  #schedule(): void {
    if (this.#pending === null || this.#inFlight !== null || this.#cancelTimer !== null) return
    const wait = this.#lastWriteAt + this.#throttleMs - this.#scheduler.now()
    if (wait <= 0) {
      this.#drain()
        .catch((error: unknown) => {
          this.#error = error
        })
        .finally(() => this.#settle())
      return
    }
    this.#cancelTimer = this.#scheduler.setTimer(() => {
      this.#cancelTimer = null
      this.#schedule()
    }, wait)
  }

  async #drain(): Promise<void> {
    while (this.#inFlight !== null) await this.#inFlight.catch(() => {})
    const patch = this.#pending
    if (patch === null) return
    this.#pending = null
    this.cancelTimer()
    this.#lastWriteAt = this.#scheduler.now()
    this.#writes++
    this.#inFlight = this.#send(patch)
      .then(
        (rejected) => {
          if (rejected !== null) throw rejected
        },
        (error: unknown) => {
          this.#pending = this.#pending === null ? patch : mergePatches(patch, this.#pending)
          throw error
        },
      )
      .finally(() => {
        this.#inFlight = null
      })
    await this.#inFlight
  }

  #settle(): void {
    if (this.#inFlight !== null) return
    if (this.#pending === null) this.#tracker.clean(this)
    else this.#schedule()
  }
}
