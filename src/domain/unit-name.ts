import { InvalidArgumentError } from '../errors/jobledger-error.js'
import { describe } from './ids.js'
import { checkWellFormed } from './text.js'

const MAX_NAME_LENGTH = 200
const CONTROL = /\p{Cc}/u

/** A unit's display name (any kind): 1 to 200 well-formed characters, no control characters. */
export function validateUnitName(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_NAME_LENGTH) {
    throw new InvalidArgumentError(
      `name must be a string of 1 to ${MAX_NAME_LENGTH} characters, got ${describe(value)}.`,
      { details: { what: 'name' } },
    )
  }
  if (CONTROL.test(value))
    throw new InvalidArgumentError('name may not contain control characters.', {
      details: { what: 'name' },
    })
  return checkWellFormed(value, 'name')
}
