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

/** At most this many ops are remembered as possibly applied (see WriteRunner#unsure). */
const MAX_UNSURE = 10_000

/**
 * Runs writes with an operation id, retrying on STORE_UNAVAILABLE with the same id: the store
 * gives a repeated operation its first answer, so a retry never applies a write twice. When
 * every attempt fails, the error names the opId so the caller can repeat the call later, and
 * its message says how far the write got.
 */
export class WriteRunner {
  readonly #policy: RetryPolicy
  readonly #onRetry: (notice: RetryNotice) => void
  readonly #sleep: (ms: number) => Promise<void>
  /**
   * Ops an earlier call may have applied: given by a caller (a repeat, or a caller's own id) or
   * failed ambiguously here. When no attempt of such an op reaches the store, the error must
   * not say it "was not applied". Forgotten once the op answers.
   */
  readonly #unsure = new Set<OpId>()

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
    if (given === undefined) return newOpId()
    const opId = validateOpId(given)
    this.#remember(opId)
    return opId
  }

  async run<T>(what: string, opId: OpId, write: (opId: OpId) => Promise<T>): Promise<T> {
    try {
      const answer = await this.#attempts(what, opId, write)
      this.#unsure.delete(opId)
      return answer
    } catch (error) {
      if (!isRetryable(error)) this.#unsure.delete(opId)
      else if (error.details.ambiguous === true) this.#remember(opId)
      throw error
    }
  }

  async #attempts<T>(what: string, opId: OpId, write: (opId: OpId) => Promise<T>): Promise<T> {
    let ambiguous = false
    for (let attempt = 1; ; attempt++) {
      try {
        return await write(opId)
      } catch (error) {
        if (!isRetryable(error)) throw error
        ambiguous ||= error.details.ambiguous === true
        if (attempt >= this.#policy.attempts) {
          const reach = ambiguous ? 'sent' : this.#unsure.has(opId) ? 'repeat' : 'unsent'
          throw unavailableAfterRetries({ what, opId, attempts: attempt, reach }, error)
        }
        const delayMs = this.#backoff(attempt)
        this.#onRetry({ what, opId, attempt, delayMs, error })
        await this.#sleep(delayMs)
      }
    }
  }

  #remember(opId: OpId): void {
    if (this.#unsure.size >= MAX_UNSURE) this.#unsure.clear()
    this.#unsure.add(opId)
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
 * How far a write that failed every attempt got: `sent` when an attempt may have run (it may
 * have been applied), `unsent` when no attempt reached the store (nothing was applied),
 * `repeat` when none reached it but an earlier call with the op may have been applied.
 */
type Reach = 'sent' | 'unsent' | 'repeat'

interface GiveUp {
  what: string
  opId: OpId
  attempts: number
  reach: Reach
}

function unavailableAfterRetries(give: GiveUp, error: StoreUnavailableError) {
  const repeat = `call it again with { opId: '${give.opId}' } once the store answers`
  const tried = `${give.attempts} attempt${give.attempts === 1 ? '' : 's'}; the last failed with: ${error.message}`
  const text: Record<Reach, string> = {
    sent: `${give.what} may or may not have been applied: a request was sent and no answer came. To find out, ${repeat}: it is applied at most once and answers as its first execution did.`,
    unsent: `${give.what} was not applied: no request reached the store. Call it again once the store answers (with { opId: '${give.opId}' } or without: nothing of it was written).`,
    repeat: `${give.what} with { opId: '${give.opId}' } did not reach the store in this call, so this call applied nothing; an earlier call with this opId may still have been applied. ${capitalized(repeat)}: it is applied at most once and answers as its first execution did.`,
  }
  return new StoreUnavailableError(`${text[give.reach]} (${tried})`, {
    cause: error,
    details: { ...error.details, ambiguous: give.reach === 'sent', opId: give.opId },
  })
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
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
