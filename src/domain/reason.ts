import { InvalidArgumentError } from '../errors/jobledger-error.js'
import { checkWellFormed, truncateText } from './text.js'

const MAX_REASON_LENGTH = 4_096

/**
 * The text kept for a failure or stop reason: an Error as `Name: message`, at most 4,096
 * characters (cut between code points). A string reason must be well-formed UTF-16; an
 * Error's text was caught rather than chosen, so its lone surrogates become U+FFFD instead.
 */
export function describeReason(reason: unknown): string {
  let text: string
  if (reason instanceof Error) text = `${reason.name}: ${reason.message}`.toWellFormed()
  else if (typeof reason === 'string') text = checkWellFormed(reason, 'reason')
  else throw new InvalidArgumentError('reason must be a string or an Error.')
  return truncateText(text, MAX_REASON_LENGTH)
}

/**
 * The text kept for a failed part, from whatever a `catch` block holds: an Error (or an
 * error-like object) as `Name: message`, a string as is, any other value as JSON, or as
 * `String(value)` when it has no JSON; at most 4 KB. Never throws.
 */
export function describeFailure(reason: unknown): string {
  if (reason instanceof Error || typeof reason === 'string') return describeReason(reason)
  return truncate(errorLikeText(reason) ?? jsonText(reason) ?? safeString(reason))
}

function errorLikeText(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null
  const { name, message } = value as { name?: unknown; message?: unknown }
  if (typeof message !== 'string') return null
  return `${typeof name === 'string' ? name : 'Error'}: ${message}`
}

function jsonText(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null
  try {
    return JSON.stringify(value) ?? null
  } catch {
    return null
  }
}

function safeString(value: unknown): string {
  try {
    return String(value)
  } catch {
    return Object.prototype.toString.call(value)
  }
}

function truncate(text: string): string {
  return text.length > MAX_REASON_LENGTH ? `${text.slice(0, MAX_REASON_LENGTH - 1)}…` : text
}
