import { optionsOf } from '../domain/options.js'
import { InvalidArgumentError } from '../errors/jobledger-error.js'
import { type Logger, log } from '../logger.js'
import type { CleanupOrphansOptions, CleanupOrphansResult } from './cleaner.js'

/** `createLedger({ sweeper })`: runs `cleaner.cleanupOrphans()` in the background. */
export interface SweeperOptions {
  /** Mean time between two sweeps (ms, at least 100); each wait is jittered by ±25 %. */
  intervalMs: number
  /** Passed to cleanupOrphans: repair only what has been stuck this long (default one minute). */
  olderThanMs?: number
}

/** Checks the option; null when no sweeper was asked for. */
export function sweeperOptionsOf(value: unknown): SweeperOptions | null {
  if (value === undefined) return null
  const options = optionsOf(value as SweeperOptions, 'sweeper options')
  const { intervalMs, olderThanMs } = options
  if (typeof intervalMs !== 'number' || !Number.isFinite(intervalMs) || intervalMs < 100)
    throw new InvalidArgumentError(
      `sweeper.intervalMs must be a number of ms, at least 100, got ${String(intervalMs)}.`,
    )
  if (olderThanMs !== undefined && !(typeof olderThanMs === 'number' && olderThanMs >= 0))
    throw new InvalidArgumentError(
      `sweeper.olderThanMs must be a non-negative number of ms, got ${String(olderThanMs)}.`,
    )
  return options
}

/**
 * Sweeps on a jittered timer (so many processes do not sweep in step) until stopped; one sweep
 * at a time. A sweep that fails is logged and the next one runs as planned.
 */
export class Sweeper {
  readonly #sweep: (options: CleanupOrphansOptions) => Promise<CleanupOrphansResult>
  readonly #options: SweeperOptions
  readonly #logger: Logger | undefined
  #timer: ReturnType<typeof setTimeout> | null = null
  #running: Promise<void> = Promise.resolve()
  #stopped = false

  constructor(
    sweep: (options: CleanupOrphansOptions) => Promise<CleanupOrphansResult>,
    options: SweeperOptions,
    logger: Logger | undefined,
  ) {
    this.#sweep = sweep
    this.#options = options
    this.#logger = logger
    this.#arm()
  }

  #arm(): void {
    if (this.#stopped) return
    const jitter = 0.75 + Math.random() * 0.5
    this.#timer = setTimeout(() => this.#run(), this.#options.intervalMs * jitter)
    this.#timer.unref?.()
  }

  #run(): void {
    const { olderThanMs } = this.#options
    this.#running = this.#sweep(olderThanMs === undefined ? {} : { olderThanMs }).then(
      (result) => log(this.#logger, 'debug', { ...result }, 'sweep done'),
      (error: unknown) => log(this.#logger, 'warn', { error: String(error) }, 'sweep failed'),
    )
    void this.#running.then(() => this.#arm())
  }

  /** Stops the timer and waits for a sweep under way. */
  async stop(): Promise<void> {
    this.#stopped = true
    if (this.#timer !== null) clearTimeout(this.#timer)
    await this.#running
  }
}
