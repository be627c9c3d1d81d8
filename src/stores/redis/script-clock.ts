import type { Clock } from '../../domain/clock.js'

/**
 * The time the Redis store judges by. Without a clock every script reads the server's TIME
 * (its clock argument is ''), so leases and deadlines are judged by one clock whatever the
 * clients' clocks say; with a (test) clock, scripts are handed its time instead.
 */
export class ScriptClock {
  readonly #clock: Clock | null

  constructor(clock: Clock | null = null) {
    this.#clock = clock
  }

  /** The clock argument every script takes: '' for the server's TIME, else the test time. */
  arg(): string {
    return this.#clock === null ? '' : String(this.#clock.now())
  }

  /** This process's best view of the store's time, for reads judged in TypeScript. */
  now(): number {
    return this.#clock === null ? Date.now() : this.#clock.now()
  }
}
