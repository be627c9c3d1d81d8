import { InvalidArgumentError } from '../errors/jobledger-error.js'
import { describe } from './ids.js'

export const DEFAULT_MAX_DATA_BYTES = 1_048_576

/**
 * Serializes a value that must survive a JSON round trip unchanged: null, booleans, finite
 * numbers, strings, arrays and plain objects. Anything JSON would drop or alter (undefined,
 * functions, NaN, Dates, Maps, class instances, cycles, BigInt) is refused, as is JSON text
 * over `maxBytes`. Returns the JSON text.
 */
export function toJsonText(value: unknown, what: string, maxBytes: number): string {
  const problem = findNonJson(value, what, new Set())
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

function findNonJson(value: unknown, path: string, seen: Set<object>): string | null {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return null
  if (typeof value === 'number') {
    return Number.isFinite(value) ? null : `${path} is ${value}, which JSON cannot hold`
  }
  if (typeof value !== 'object') return `${path} is ${describe(value)}`
  if (seen.has(value)) return `${path} refers back to itself`
  const proto = Object.getPrototypeOf(value)
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) {
    return `${path} is a ${value.constructor?.name ?? 'class instance'}, not a plain object`
  }
  seen.add(value)
  const entries = Array.isArray(value)
    ? value.map((v, i) => [`${path}[${i}]`, v] as const)
    : Object.entries(value).map(([k, v]) => [`${path}.${k}`, v] as const)
  for (const [childPath, child] of entries) {
    const problem = findNonJson(child, childPath, seen)
    if (problem) return problem
  }
  seen.delete(value)
  return null
}

/** Errors given to fail(): an array, or one Error or value; Errors become { name, message }. */
export function normalizeErrors(errors: unknown): unknown[] {
  const list = Array.isArray(errors) ? errors : [errors]
  return list.map((error) =>
    error instanceof Error ? { name: error.name, message: error.message } : error,
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
