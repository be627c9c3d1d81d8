import { randomBytes } from 'node:crypto'
import { InvalidArgumentError } from '../errors/jobledger-error.js'
import { checkWellFormed } from './text.js'

export const MAX_ID_BYTES = 256

// Braces would break the Redis Cluster hash tag; whitespace and control characters
// make ids unprintable in keys, logs and URLs.
const FORBIDDEN = /[{}\s\p{Cc}]/u

/**
 * Checks an identifier (token, part, queue name, status id) and returns it.
 * Throws INVALID_ARGUMENT naming `what` when it cannot be used as-is in a key: not a string,
 * empty, over MAX_ID_BYTES of UTF-8, not well-formed UTF-16, braces, whitespace or controls.
 */
export function validateId(value: unknown, what: string): string {
  if (typeof value !== 'string') {
    throw new InvalidArgumentError(`${what} must be a string, got ${describe(value)}.`, {
      details: { what },
    })
  }
  if (value.length === 0) {
    throw new InvalidArgumentError(`${what} must not be empty.`, { details: { what } })
  }
  if (Buffer.byteLength(value, 'utf8') > MAX_ID_BYTES) {
    throw new InvalidArgumentError(
      `${what} is longer than ${MAX_ID_BYTES} bytes; use a shorter id (a hash of the long one works).`,
      { details: { what } },
    )
  }
  checkWellFormed(value, what)
  const bad = FORBIDDEN.exec(value)
  if (bad) {
    throw new InvalidArgumentError(
      `${what} ${JSON.stringify(value)} contains ${JSON.stringify(bad[0])}; ids may not contain braces, whitespace or control characters.`,
      { details: { what } },
    )
  }
  return value
}

/** Parts are strings; safe non-negative integers are accepted and written in decimal. */
export function validatePart(value: unknown): string {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value)
  return validateId(value, 'part')
}

/** A random 128-bit token in hex. */
export function newToken(): string {
  return randomBytes(16).toString('hex')
}

export function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string') return `the string ${JSON.stringify(value.slice(0, 40))}`
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${value}`
  return typeof value
}
