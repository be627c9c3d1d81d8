import { newOpId } from '../domain/op-id.js'
import type { StatusPatch } from '../store/status-store.js'
import { withJitter } from './backoff.js'
import { emptyPatch, mergePatches } from './status-patch.js'
import { behindRetryError, mayHaveRun, mergedChanges } from './status-retry.js'
import {
  type Entry,
  hasFields,
  joinsBuffered,
  takeNextWrite,
  toRuns,
} from './status-write-groups.js'

/** Time and timers for throttling; tests pass a manual one. Timers never keep the process alive. */
export interface Scheduler {
  now(): number
  /** Runs `fn` after `ms`; returns a function that cancels it. */
  setTimer(fn: () => void, ms: number): () => void
  /** Jitter of the retry backoff, from 0 to 1; without it the backoff is exact (tests). */
  random?(): number
}

export const systemScheduler: Scheduler = {
  now: () => performance.now(),
  random: Math.random,
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

/** What a write does with fields that would overflow the limit: write nothing, or the rest. */
export type OverflowRule = 'refuse' | 'dropFields'

/** An error met by a write that reached the store: `written` tells whether anything was stored. */
export interface SendError {
  written: boolean
  /** True when the error is buffered fields dropped for the limit (the rest was written). */
  droppedFields: boolean
  error: Error
}

/** Sends one (merged) patch; `opId` is the caller's when one of the changes named it. */
export type SendPatch = (
  patch: StatusPatch,
  overflow: OverflowRule,
  opId?: string,
) => Promise<SendError | null>

/** Attempts a failing buffered change gets before the writer stops retrying on its own. */
export const BACKGROUND_ATTEMPTS = 5
/** The longest wait between two attempts of a failing buffered change. */
export const MAX_RETRY_DELAY_MS = 30_000

type Attempt =
  | { outcome: 'written'; failure: SendError | null }
  | { outcome: 'refused'; error: Error }
  | { outcome: 'failed'; error: unknown; opId: string }

/*
 * The write path of one status. Changes queue in call order and are written one write at a
 * time, coalesced (status-write-groups.ts says which go together): buffered changes (already
 * acknowledged to their callers) go out at most once per `throttleMs`; a change a caller
 * awaits (writeNow, flush) goes out at once with everything queued before it, or right after
 * it when it carries its own opId.
 *
 * Failures never loop. A change a caller awaits is dropped when its write fails and the caller
 * is rejected: it owns the retry (unless the write also carried buffered changes and may have
 * run: see #failed). Buffered changes stay queued, in front of later ones, and are
 * retried with jittered exponential backoff (throttleMs doubling, at most MAX_RETRY_DELAY_MS) for
 * BACKGROUND_ATTEMPTS attempts; then they wait, and the next `buffer` call is refused with the
 * error (re-arming the retries) while the next writeNow or flush tries them again.
 * Fields over the limit: a caller's write stores nothing and is refused; buffered fields alone
 * are dropped, the rest of their changes written, and the next flush reports it.
 */
export class StatusWriter {
  readonly #send: SendPatch
  readonly #throttleMs: number
  readonly #scheduler: Scheduler
  readonly #tracker: PendingTracker
  #queue: Entry[] = []
  #writing = false
  #nextAt = Number.NEGATIVE_INFINITY
  #cancelTimer: (() => void) | null = null
  #failures = 0
  #stalled: unknown = null
  #dropped: Error | null = null
  #dirty = false
  #writes = 0

  constructor(send: SendPatch, throttleMs: number, scheduler: Scheduler, tracker: PendingTracker) {
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
    return this.#queue.length > 0 || this.#writing
  }

  /**
   * Queues a change, written within throttleMs (at once when the last write is older). Throws,
   * taking nothing, when earlier buffered changes ran out of attempts (see the class comment).
   */
  buffer(change: StatusPatch): void {
    const stalled = this.#stalled
    if (stalled !== null) {
      this.#stalled = null
      this.#failures = 0
      this.#kick()
      throw stalled
    }
    const last = this.#queue.at(-1)
    if (last !== undefined && joinsBuffered(last)) last.patch = mergePatches(last.patch, change)
    else this.#queue.push({ patch: change, waiter: null })
    this.#kick()
  }

  /** Writes everything queued and `change` now, in one write; rejects (dropping `change`) if that fails. */
  writeNow(change: StatusPatch, opId?: string): Promise<void> {
    return this.#await(change, opId)
  }

  /** Writes what is queued and waits for it; throws an error a write met or reported since. */
  async flush(): Promise<void> {
    if (this.hasPending) await this.#await(null)
    const dropped = this.#dropped
    this.#dropped = null
    if (dropped !== null) throw dropped
  }

  /** Stops any timer; queued changes stay until a flush. */
  cancelTimer(): void {
    this.#cancelTimer?.()
    this.#cancelTimer = null
  }

  #await(patch: StatusPatch | null, opId?: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const entry: Entry = { patch, waiter: { resolve, reject } }
      if (opId !== undefined) entry.opId = opId
      this.#queue.push(entry)
      this.#kick()
    })
  }

  /** Starts the next write when one is due; else arms the timer for it. */
  #kick(): void {
    this.#track()
    if (this.#writing || this.#queue.length === 0) return
    if (!this.#queue.some((entry) => entry.waiter !== null)) {
      if (this.#stalled !== null || this.#cancelTimer !== null) return
      const wait = this.#nextAt - this.#scheduler.now()
      if (wait > 0) {
        this.#cancelTimer = this.#scheduler.setTimer(() => {
          this.#cancelTimer = null
          this.#kick()
        }, wait)
        return
      }
    }
    this.cancelTimer()
    this.#writing = true
    void this.#write(takeNextWrite(this.#queue)).finally(() => {
      this.#writing = false
      this.#kick()
    })
  }

  #track(): void {
    const dirty = this.hasPending
    if (dirty === this.#dirty) return
    this.#dirty = dirty
    if (dirty) this.#tracker.dirty(this)
    else this.#tracker.clean(this)
  }

  async #write(entries: Entry[]): Promise<void> {
    const changes = entries.filter((entry) => entry.patch !== null)
    if (changes.length === 0) return this.#settle(entries, null)
    const callerFields = changes.some((e) => e.waiter !== null && hasFields(e.patch))
    const attempt = await this.#attempt(changes, callerFields ? 'refuse' : 'dropFields')
    if (attempt.outcome === 'written') return this.#settle(entries, attempt.failure)
    if (attempt.outcome === 'failed') return this.#failed(entries, attempt, changes)
    if (changes.length > 1) return this.#writeApart(entries)
    changes[0]?.waiter?.reject(attempt.error)
    this.#settle(
      entries.filter((entry) => entry.patch === null),
      null,
    )
  }

  /**
   * After a refused coalesced write: each caller's change alone (refused alone if it overflows),
   * the buffered changes between them merged, in call order.
   */
  async #writeApart(entries: Entry[]): Promise<void> {
    const flushes = entries.filter((entry) => entry.patch === null)
    const runs = toRuns(entries.filter((entry) => entry.patch !== null))
    for (const [i, run] of runs.entries()) {
      const caller = run[0]?.waiter ?? null
      const attempt = await this.#attempt(run, caller === null ? 'dropFields' : 'refuse')
      if (attempt.outcome === 'failed') {
        return this.#failed([...runs.slice(i).flat(), ...flushes], attempt, run)
      }
      if (attempt.outcome === 'refused') caller?.reject(attempt.error)
      else this.#settle(run, attempt.failure)
    }
    this.#settle(flushes, null)
  }

  async #attempt(changes: Entry[], overflow: OverflowRule): Promise<Attempt> {
    const patch = mergedChanges(changes) ?? emptyPatch()
    this.#writes++
    this.#nextAt = this.#scheduler.now() + this.#throttleMs
    const opId = changes.find((entry) => entry.opId !== undefined)?.opId ?? newOpId()
    try {
      const failure = await this.#send(patch, overflow, opId)
      if (failure !== null && !failure.written) return { outcome: 'refused', error: failure.error }
      return { outcome: 'written', failure }
    } catch (error) {
      return { outcome: 'failed', error, opId }
    }
  }

  /** Entries whose write reached the store: callers resolve, unless the write itself failed after. */
  #settle(entries: Entry[], failure: SendError | null): void {
    if (entries.some((entry) => entry.waiter === null)) {
      this.#failures = 0
      this.#stalled = null
    }
    const callers = entries.filter((entry) => entry.patch !== null && entry.waiter !== null)
    if (failure !== null && (failure.droppedFields || callers.length === 0)) {
      this.#dropped = failure.error
    }
    const blame = failure !== null && !failure.droppedFields ? failure.error : null
    for (const { patch, waiter } of entries) {
      if (blame !== null && patch !== null) waiter?.reject(blame)
      else waiter?.resolve()
    }
  }

  /**
   * Entries whose write failed: callers are rejected, buffered changes go back in front. When a
   * write carrying buffered changes may have run (an ambiguous STORE_UNAVAILABLE), what it
   * carried, callers' changes included, goes back as one change under its op, written alone:
   * repeated, it answers from the store instead of applying twice, and a caller repeating with
   * that op (the error names it) is answered the same way. Callers queued behind it are refused, unwritten, so that it keeps
   * its place in front.
   */
  #failed(entries: Entry[], attempt: { error: unknown; opId: string }, attempted: Entry[]): void {
    const { error } = attempt
    for (const { waiter } of entries) waiter?.reject(error)
    const carriedBuffered = attempted.some((entry) => entry.waiter === null && entry.patch !== null)
    const patch = carriedBuffered && mayHaveRun(error) ? mergedChanges(attempted) : null
    const retry: Entry | null = patch ? { patch, waiter: null, opId: attempt.opId } : null
    const buffered = entries.filter((entry) => entry.waiter === null && !attempted.includes(entry))
    const back = retry ? [retry, ...buffered] : entries.filter((entry) => entry.waiter === null)
    if (back.length === 0) return
    this.#queue.unshift(...back)
    if (back[0]?.waiter === null && back[0].opId !== undefined) this.#refuseWaitersBehind(error)
    this.#failures++
    const backoff = Math.min(
      Math.max(this.#throttleMs, 1) * 2 ** this.#failures,
      MAX_RETRY_DELAY_MS,
    )
    const random = this.#scheduler.random
    this.#nextAt = this.#scheduler.now() + (random ? withJitter(backoff, random) : backoff)
    if (this.#failures >= BACKGROUND_ATTEMPTS) this.#stalled = error
  }

  /** Refuses the callers' changes and flushes queued behind a change that must be retried first. */
  #refuseWaitersBehind(cause: unknown): void {
    const waiting = this.#queue.filter((entry) => entry.waiter !== null)
    if (waiting.length === 0) return
    this.#queue = this.#queue.filter((entry) => entry.waiter === null)
    const error = behindRetryError(cause)
    for (const { waiter } of waiting) waiter?.reject(error)
  }
}
