import type { RedisOptions } from 'ioredis'
import { InvalidArgumentError } from '../../errors/jobledger-error.js'
import type { Logger } from '../../logger.js'
import type { ReconnectDelays } from './reconnect-strategy.js'

/** How the ledger talks to Redis: `createLedger({ redis, connection: { … } })`. */
export interface ConnectionOptions {
  /**
   * The longest any call waits for Redis, in ms: to connect (a new ledger's first call), for
   * its reply, and for QUIT in `ledger.close()`. A blocking pop waits its own timeout plus this.
   * Past it the call fails with STORE_UNAVAILABLE. Default 5000.
   */
  commandTimeoutMs?: number
  /**
   * The longest pause between two reconnect attempts while Redis is unreachable, in ms; the
   * pause starts at 50 ms and doubles (with jitter) up to this. Default 1000.
   */
  maxReconnectDelayMs?: number
}

/** The connection options with defaults filled in, plus the logger they report to. */
export interface ConnectionSettings {
  readonly commandTimeoutMs: number
  readonly reconnect: ReconnectDelays
  /** The `logger` option; undefined when none was given (the ledger then logs nothing). */
  readonly logger: Logger | undefined
}

export const DEFAULT_COMMAND_TIMEOUT_MS = 5_000
export const DEFAULT_MAX_RECONNECT_DELAY_MS = 1_000
/** The first pause after a lost connection, and the least time between two attempts. */
export const INITIAL_RECONNECT_DELAY_MS = 50
const MAX_DURATION_MS = 3_600_000

/** Checks `createLedger`'s `connection` option and fills in the defaults. */
export function connectionSettings(
  options: ConnectionOptions | undefined,
  logger?: Logger,
): ConnectionSettings {
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new InvalidArgumentError(
      'connection must be an object such as { commandTimeoutMs: 5000, maxReconnectDelayMs: 1000 }.',
    )
  }
  const known = new Set(['commandTimeoutMs', 'maxReconnectDelayMs'])
  const unknown = Object.keys(options ?? {}).filter((key) => !known.has(key))
  if (unknown.length > 0) {
    throw new InvalidArgumentError(
      `connection has no option ${unknown.join(', ')}; it takes commandTimeoutMs and maxReconnectDelayMs.`,
    )
  }
  const commandTimeoutMs = duration(
    options?.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
    'commandTimeoutMs',
    1,
  )
  const maxDelayMs = duration(
    options?.maxReconnectDelayMs ?? DEFAULT_MAX_RECONNECT_DELAY_MS,
    'maxReconnectDelayMs',
    INITIAL_RECONNECT_DELAY_MS,
  )
  return {
    commandTimeoutMs,
    reconnect: { initialDelayMs: INITIAL_RECONNECT_DELAY_MS, maxDelayMs },
    logger,
  }
}

function duration(value: unknown, what: string, min: number): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min) {
    if (value <= MAX_DURATION_MS) return value
  }
  throw new InvalidArgumentError(
    `connection.${what} must be a whole number of ms from ${min} to ${MAX_DURATION_MS}, got ${String(value)}.`,
  )
}

/** What a connection the ledger opens is used for; blocking pops may wait past the timeout. */
export type ConnectionRole = 'commands' | 'subscriber' | 'blocking'

/**
 * ioredis options for a connection the ledger opens. The ledger, not ioredis, decides when
 * to reconnect (ManagedConnection), and hands a command over only once the connection is
 * ready, so nothing waits in an offline queue and nothing unanswered is ever sent again.
 */
export function ownedRedisOptions(
  settings: ConnectionSettings,
  role: ConnectionRole,
): RedisOptions {
  return {
    lazyConnect: true,
    retryStrategy: () => null,
    autoResendUnfulfilledCommands: false,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    connectTimeout: settings.commandTimeoutMs,
    // A Redis still loading its data (just restarted) is asked again after 50 ms, not after
    // ioredis's default (its loading ETA, at least 1 s).
    maxLoadingRetryTime: 50,
    // A connection that leaves a command unanswered this long is dropped (and reopened);
    // a blocking pop's connection is watched by its own deadline instead.
    ...(role === 'blocking' ? {} : { socketTimeout: settings.commandTimeoutMs }),
    // Commands of one tick are gathered by TickWrites instead (cheaper for lone commands).
    enableAutoPipelining: false,
  }
}
