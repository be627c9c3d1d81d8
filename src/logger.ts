import { InvalidArgumentError } from './errors/jobledger-error.js'

/**
 * Where the ledger reports what it recovers from: connection errors, reconnects, recovered
 * faults, unsafe client settings. The shape of pino's logger (bunyan and winston child loggers
 * fit too): a context object first, then an optional message.
 *
 * @example
 * import pino from 'pino'
 * const ledger = createLedger({ redis: url, logger: pino({ name: 'jobledger' }) })
 * // or console: createLedger({ redis: url, logger: console })
 */
export interface Logger {
  debug(context: object, message?: string): void
  info(context: object, message?: string): void
  warn(context: object, message?: string): void
  error(context: object, message?: string): void
}

export type LogLevel = keyof Logger

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error']

/** The logger option as given, checked: undefined means silent. */
export function validateLogger(value: unknown): Logger | undefined {
  if (value === undefined) return undefined
  const missing = LEVELS.filter(
    (level) =>
      typeof value !== 'object' ||
      value === null ||
      typeof (value as Record<string, unknown>)[level] !== 'function',
  )
  if (missing.length > 0) {
    throw new InvalidArgumentError(
      `logger must have debug, info, warn and error methods (a pino logger or console works); it lacks ${missing.join(', ')}.`,
    )
  }
  return value as Logger
}

/**
 * Logs without ever throwing: a logger that fails must not fail the call being logged.
 * Without a logger nothing is logged.
 * Methods are called on the logger itself, so loggers that rely on `this` work.
 */
export function log(
  logger: Logger | undefined,
  level: LogLevel,
  context: object,
  message: string,
): void {
  try {
    logger?.[level](context, message)
  } catch {
    // A broken logger has nowhere to report to.
  }
}
