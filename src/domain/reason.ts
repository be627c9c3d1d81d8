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
