import { newOpId, type OpId, validateOpId } from '../domain/op-id.js'
import {
  InvalidArgumentError,
  isJobledgerError,
  StoreUnavailableError,
} from '../errors/jobledger-error.js'

/** How the ledger retries a write whose store call failed with STORE_UNAVAILABLE. */
export interface RetryPolicy {
  /** Calls of the store per write, the first included; 1 retries nothing. Default 3. */
  attempts: number
  /** Backoff before the first retry, doubled per retry, with full jitter. Default 50 ms. */
  minDelayMs: number
  /** The most one backoff waits. Default 1000 ms. */
  maxDelayMs: number
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, minDelayMs: 50, maxDelayMs: 1_000 }

/** Options every write takes. */
export interface WriteOptions {
  /**
   * The operation id of an earlier call to repeat: a write given the opId of a call that
   * failed with STORE_UNAVAILABLE (`error.details.opId`) gets that call's first answer and
   * applies at most once. Omit it for a new operation.
   */
  opId?: string
}

export interface RetryNotice {
  what: string
  opId: OpId
  attempt: number
  delayMs: number
  error: unknown
}

/**
 * Runs writes with an operation id, retrying on STORE_UNAVAILABLE with the same id: the store
 * gives a repeated operation its first answer, so a retry never applies a write twice. When
 * every attempt fails, the error names the opId so the caller can repeat the call later.
 */
export class WriteRunner {
  readonly #policy: RetryPolicy
  readonly #onRetry: (notice: RetryNotice) => void
  readonly #sleep: (ms: number) => Promise<void>

  constructor(
    policy: RetryPolicy = DEFAULT_RETRY,
    onRetry: (notice: RetryNotice) => void = () => {},
    sleep: (ms: number) => Promise<void> = defaultSleep,
  ) {
    this.#policy = policy
    this.#onRetry = onRetry
    this.#sleep = sleep
  }

  /** The opId a write will use: the caller's (validated) or a new one. */
  opIdOf(options: WriteOptions | undefined): OpId {
    const given = options?.opId
    return given === undefined ? newOpId() : validateOpId(given)
  }

  async run<T>(what: string, opId: OpId, write: (opId: OpId) => Promise<T>): Promise<T> {
    let ambiguous = false
    for (let attempt = 1; ; attempt++) {
      try {
        return await write(opId)
      } catch (error) {
        if (!isRetryable(error)) throw error
        ambiguous ||= error.details.ambiguous === true
        if (attempt >= this.#policy.attempts)
          throw unavailableAfterRetries(what, opId, error, ambiguous)
        const delayMs = this.#backoff(attempt)
        this.#onRetry({ what, opId, attempt, delayMs, error })
        await this.#sleep(delayMs)
      }
    }
  }

  #backoff(attempt: number): number {
    const { minDelayMs, maxDelayMs } = this.#policy
    const ceiling = Math.min(maxDelayMs, minDelayMs * 2 ** (attempt - 1))
    return Math.round(Math.random() * ceiling)
  }
}

function isRetryable(error: unknown): error is StoreUnavailableError {
  return isJobledgerError(error) && error.code === 'STORE_UNAVAILABLE'
}

/**
 * The error of a write whose every attempt failed; `ambiguous` when any attempt may have run
 * (then the write may have been applied, and repeating it with the opId is how to find out).
 */
function unavailableAfterRetries(
  what: string,
  opId: OpId,
  error: StoreUnavailableError,
  ambiguous: boolean,
) {
  const outcome = ambiguous ? 'may or may not have been applied' : 'was not applied'
  return new StoreUnavailableError(
    `${error.message} ${what} ${outcome}; call it again with { opId: '${opId}' } to apply it at most once and get its first answer.`,
    { cause: error, details: { ...error.details, ambiguous, opId } },
  )
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Checks `createLedger({ retry })`, filling the defaults. */
export function resolveRetryPolicy(given: unknown): RetryPolicy {
  if (given === undefined || given === null) return DEFAULT_RETRY
  if (typeof given !== 'object' || Array.isArray(given))
    throw new InvalidArgumentError('retry must be an object { attempts, minDelayMs, maxDelayMs }.')
  const policy = { ...DEFAULT_RETRY, ...(given as Partial<RetryPolicy>) }
  const whole = (value: number, min: number) => Number.isSafeInteger(value) && value >= min
  if (!whole(policy.attempts, 1) || !whole(policy.minDelayMs, 0) || !whole(policy.maxDelayMs, 0))
    throw new InvalidArgumentError(
      'retry.attempts must be a whole number of at least 1, and retry.minDelayMs and retry.maxDelayMs whole numbers of ms (0 or more).',
    )
  return policy
}
