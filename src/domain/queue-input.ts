import { InvalidArgumentError } from '../errors/jobledger-error.js'
import { describe } from './ids.js'
import { findNonJson } from './plain-json.js'

export const DEFAULT_MAX_DATA_BYTES = 1_048_576

/**
 * Serializes a value that must survive a JSON round trip unchanged: null, booleans, finite
 * numbers, well-formed strings, dense arrays and plain objects, at most MAX_JSON_DEPTH levels
 * deep. Anything JSON would drop or alter (undefined, functions, NaN, Dates, Maps, class
 * instances, cycles, BigInt, holes, lone surrogates) is refused, as is JSON text over
 * `maxBytes`. Returns the JSON text.
 */
export function toJsonText(value: unknown, what: string, maxBytes: number): string {
  const problem = findNonJson(value, what, maxBytes)
  if (problem) {
    throw new InvalidArgumentError(
      `${problem}; ${what} must be plain JSON (objects, arrays, strings, finite numbers, booleans, null).`,
      { details: { what } },
    )
  }
  const text = JSON.stringify(value)
  const bytes = Buffer.byteLength(text, 'utf8')
  if (bytes > maxBytes) {
    throw new InvalidArgumentError(
      `${what} is ${bytes} bytes of JSON, over the limit of ${maxBytes}; store large payloads elsewhere and pass a reference, or raise maxDataBytes.`,
      { details: { what, bytes, maxBytes } },
    )
  }
  return text
}

/**
 * Errors given to fail(): an array, or one Error or value; Errors become { name, message }.
 * An Error's text was caught rather than chosen, so lone surrogates in it become U+FFFD
 * instead of refusing the failure.
 */
export function normalizeErrors(errors: unknown): unknown[] {
  const list = Array.isArray(errors) ? errors : [errors]
  return list.map((error) =>
    error instanceof Error
      ? { name: String(error.name).toWellFormed(), message: String(error.message).toWellFormed() }
      : error,
  )
}

/** A whole number of ms within [min, max], or the default when undefined. */
export function validateMs(
  value: unknown,
  what: string,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new InvalidArgumentError(
      `${what} must be a whole number from ${min} to ${max}, got ${describe(value)}.`,
      { details: { what } },
    )
  }
  return value
}
