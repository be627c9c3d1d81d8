import { InvalidArgumentError } from '../errors/jobledger-error.js'
import { describe } from './ids.js'

/**
 * An optional options argument as given: undefined and null both mean "no options" ({});
 * anything but a plain object is refused with INVALID_ARGUMENT naming `what`.
 */
export function optionsOf<T extends object>(value: T | null | undefined, what: string): T {
  if (value === undefined || value === null) return {} as T
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidArgumentError(
      `${what} must be an object (or omitted), got ${describe(value)}.`,
      { details: { what } },
    )
  }
  return value
}
