import { Redis, type RedisOptions } from 'ioredis'
import { log } from '../../logger.js'
import { NoReplyError, withDeadline } from './call-deadline.js'
import {
  type ConnectionRole,
  type ConnectionSettings,
  ownedRedisOptions,
} from './connection-options.js'
import { ReconnectBackoff } from './reconnect-strategy.js'
import { closedError, unavailableError } from './unavailable.js'

/**
 * A connection the ledger opened, and the only place that decides when it reconnects.
 *
 * States: connecting → ready → (lost) down → connecting → … → closed. ioredis is told never to
 * reconnect by itself; when a connection ends, the next attempt is scheduled with a jittered
 * exponential backoff (ReconnectBackoff), and a call that finds the connection down starts one
 * at once unless one ran in the last INITIAL delay. A call waits for at most one attempt: during
 * an outage it fails fast (STORE_UNAVAILABLE, not sent) instead of waiting in a queue, and the
 * first call after Redis answers again gets through. A command is handed to ioredis only while
 * the connection is ready, so none is ever queued offline or sent twice.
 */
export class ManagedConnection {
  readonly client: Redis
  readonly #settings: ConnectionSettings
  readonly #address: string
  readonly #role: ConnectionRole
  readonly #backoff: ReconnectBackoff
  #attempt: Promise<void> | null = null
  #lastAttemptAt = 0
  #lastError: Error | null = null
  #downSince: number | null = null
  #timer: NodeJS.Timeout | null = null
  #closed = false
  #everReady = false

  /** `target` is a URL, or the options of a client to copy (its reconnect settings are not). */
  constructor(
    target: string | RedisOptions,
    address: string,
    settings: ConnectionSettings,
    role: ConnectionRole,
  ) {
    const own = ownedRedisOptions(settings, role)
    this.client =
      typeof target === 'string' ? new Redis(target, own) : new Redis({ ...target, ...own })
    this.#settings = settings
    this.#address = address
    this.#role = role
    this.#backoff = new ReconnectBackoff(settings.reconnect)
    openConnections.add(this)
    this.client.on('error', (error: Error) => this.#onError(error))
    this.client.on('ready', () => this.#onReady())
    this.client.on('end', () => this.#onEnd())
    void this.#startAttempt().catch(() => {})
  }

  /** True while commands handed over now are written to the socket at once. */
  get isReady(): boolean {
    return this.client.status === 'ready'
  }

  /**
   * Resolves once the connection is ready, waiting for at most one connection attempt and
   * never past `deadline`; otherwise rejects with STORE_UNAVAILABLE (the command was not sent).
   */
  async ready(deadline: number, what: string): Promise<void> {
    if (this.#closed) throw closedError()
    if (this.isReady) return
    let attempt = this.#attempt
    if (!attempt) {
      const sinceLast = Date.now() - this.#lastAttemptAt
      if (this.#lastError && sinceLast < this.#settings.reconnect.initialDelayMs) {
        throw unavailableError(this.#address, what, this.#lastError, false)
      }
      attempt = this.#startAttempt()
    }
    const waited = this.#settings.commandTimeoutMs
    await withDeadline(attempt, deadline, () => new NoReplyError(waited)).catch((error) => {
      throw this.#closed ? closedError() : unavailableError(this.#address, what, error, false)
    })
  }

  /** QUIT, bounded by the command timeout, then drops the socket if QUIT did not finish. */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    this.#clearTimer()
    const quitting = this.isReady ? this.client.quit().then(() => true) : Promise.resolve(false)
    const deadline = Date.now() + this.#settings.commandTimeoutMs
    const quit = await withDeadline(quitting, deadline, () => new Error('QUIT timed out')).catch(
      () => false,
    )
    if (!quit) this.client.disconnect()
    this.#untrackWhenEnded()
  }

  /** Drops the socket at once, failing pending commands (this wakes a blocked one). */
  disconnect(): void {
    this.#closed = true
    this.#clearTimer()
    this.client.disconnect()
    this.#untrackWhenEnded()
  }

  #startAttempt(): Promise<void> {
    this.#clearTimer()
    this.#lastAttemptAt = Date.now()
    log(this.#settings.logger, 'debug', this.#context(), 'connecting to Redis')
    const attempt = this.client.connect().then(
      () => {},
      (error: Error) => {
        throw this.#lastError ?? error
      },
    )
    this.#attempt = attempt
    const watchdog = setTimeout(() => {
      // ioredis bounds the TCP connect, not the handshake after it.
      if (this.#attempt === attempt && !this.isReady) this.client.disconnect(true)
    }, this.#settings.commandTimeoutMs)
    const settled = () => {
      clearTimeout(watchdog)
      if (this.#attempt === attempt) this.#attempt = null
      if (!this.isReady) this.#scheduleAttempt()
    }
    attempt.then(settled, settled)
    return attempt
  }

  #scheduleAttempt(): void {
    if (this.#closed || this.#timer || this.#attempt) return
    const delay = this.#backoff.next()
    log(this.#settings.logger, 'debug', { ...this.#context(), delayMs: delay }, 'reconnecting')
    this.#timer = setTimeout(() => {
      this.#timer = null
      if (!this.#closed && !this.#attempt && !this.isReady)
        void this.#startAttempt().catch(() => {})
    }, delay)
  }

  #onError(error: Error): void {
    const first = this.#lastError === null
    this.#lastError = error
    const level = this.#closed ? 'debug' : first ? 'error' : 'debug'
    log(this.#settings.logger, level, { ...this.#context(), err: error }, 'Redis connection error')
  }

  #onReady(): void {
    if (this.#downSince !== null) {
      const context = {
        ...this.#context(),
        downMs: Date.now() - this.#downSince,
        attempts: this.#backoff.attempts,
      }
      log(this.#settings.logger, 'info', context, 'Redis connection restored')
    }
    this.#everReady = true
    this.#downSince = null
    this.#lastError = null
    this.#backoff.reset()
  }

  #onEnd(): void {
    if (this.#closed) {
      openConnections.delete(this)
      return
    }
    if (this.#downSince === null) {
      this.#downSince = Date.now()
      const cause = this.#lastError ? { err: this.#lastError } : {}
      const message = this.#everReady ? 'Redis connection lost' : 'Redis is unreachable'
      log(this.#settings.logger, 'warn', { ...this.#context(), ...cause }, message)
    }
    // A failed attempt schedules the next one itself when it settles.
    if (!this.#attempt) this.#scheduleAttempt()
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
  }

  #untrackWhenEnded(): void {
    if (this.client.status === 'end' || this.client.status === 'wait') openConnections.delete(this)
  }

  #context(): { address: string; connection: ConnectionRole } {
    return { address: this.#address, connection: this.#role }
  }
}

const openConnections = new Set<ManagedConnection>()

/** Connections that ledgers opened and have not fully closed yet, in this process. */
export function countManagedConnections(): number {
  return openConnections.size
}
