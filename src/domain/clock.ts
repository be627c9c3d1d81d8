/**
 * A store's time source. Both stores judge time by one clock: the memory store by this one,
 * the Redis store by the server's `TIME` inside each script unless a clock is given (tests
 * pass a ManualClock to move leases, retention and TTLs without sleeping).
 */
export interface Clock {
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }

/** A clock that only moves when told to. */
export class ManualClock implements Clock {
  #now: number

  constructor(start = Date.now()) {
    this.#now = start
  }

  now(): number {
    return this.#now
  }

  advance(ms: number): void {
    this.#now += ms
  }
}
