import { InvalidArgumentError } from '../errors/jobledger-error.js'

export const DEFAULT_JOB_TTL_SECONDS = 86_400

/** Validates a TTL given in seconds (fractions allowed, at least 1 ms) and returns milliseconds. */
export function ttlToMs(seconds: unknown, what = 'ttl'): number {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) {
    throw new InvalidArgumentError(
      `${what} must be a positive number of seconds, got ${String(seconds)}.`,
      { details: { what } },
    )
  }
  const ms = Math.round(seconds * 1000)
  if (ms < 1) {
    throw new InvalidArgumentError(`${what} must be at least 0.001 seconds.`, { details: { what } })
  }
  return ms
}
