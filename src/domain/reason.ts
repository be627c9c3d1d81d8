import { InvalidArgumentError } from '../errors/jobledger-error.js'

const MAX_REASON_LENGTH = 4_096

/** The text kept for a failure or stop reason: an Error as `Name: message`, at most 4 KB. */
export function describeReason(reason: unknown): string {
  let text: string
  if (reason instanceof Error) text = `${reason.name}: ${reason.message}`
  else if (typeof reason === 'string') text = reason
  else throw new InvalidArgumentError('reason must be a string or an Error.')
  return text.length > MAX_REASON_LENGTH ? `${text.slice(0, MAX_REASON_LENGTH - 1)}…` : text
}
