/** How reconnect attempts are spaced while Redis is unreachable. */
export interface ReconnectDelays {
  /** The pause before the first attempt after a connection is lost; it doubles per attempt. */
  initialDelayMs: number
  /** The longest pause between two attempts. */
  maxDelayMs: number
}

/**
 * Exponential backoff with "equal jitter": attempt n waits between half and all of
 * min(maxDelayMs, initialDelayMs × 2^(n-1)), so many clients that lost Redis together do not
 * come back in lockstep, and no pause exceeds maxDelayMs. A success resets the count.
 *
 * @example
 * const backoff = new ReconnectBackoff({ initialDelayMs: 50, maxDelayMs: 1000 })
 * backoff.next() // 25..50, then 50..100, 100..200, … 500..1000, 500..1000, …
 */
export class ReconnectBackoff {
  readonly #delays: ReconnectDelays
  readonly #random: () => number
  #attempts = 0

  constructor(delays: ReconnectDelays, random: () => number = Math.random) {
    this.#delays = delays
    this.#random = random
  }

  /** Attempts counted since the last reset. */
  get attempts(): number {
    return this.#attempts
  }

  /** The pause before the next attempt, in ms; counts the attempt. */
  next(): number {
    const { initialDelayMs, maxDelayMs } = this.#delays
    const doublings = Math.min(this.#attempts, 30)
    this.#attempts++
    const ceiling = Math.min(maxDelayMs, initialDelayMs * 2 ** doublings)
    return Math.round(ceiling / 2 + (this.#random() * ceiling) / 2)
  }

  reset(): void {
    this.#attempts = 0
  }
}
