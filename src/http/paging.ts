import { InvalidArgumentError } from '../errors/jobledger-error.js'

/** `?limit=` as a number (the facade checks its range), undefined when absent. */
export function limitParam(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  if (!/^\d{1,6}$/.test(text))
    throw new InvalidArgumentError(
      `limit must be an integer from 1 to 1000, got ${JSON.stringify(text)}.`,
    )
  return Number(text)
}

/** A whole number from the path, e.g. a batch index or a stage number. */
export function integerParam(text: string, what: string): number {
  if (!/^\d{1,15}$/.test(text))
    throw new InvalidArgumentError(`${what} must be a whole number, got ${JSON.stringify(text)}.`)
  return Number(text)
}
