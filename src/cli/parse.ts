import { InvalidArgumentError as CommanderArgumentError } from 'commander'

/** Commander argument parser for counts and intervals: a whole number above zero. */
export function parsePositiveInteger(value: string): number {
  const parsed = Number(value)
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(parsed) || parsed < 1) {
    throw new CommanderArgumentError('expected a whole number above 0.')
  }
  return parsed
}

/** A whole number of zero or more. */
export function parseNonNegativeInteger(value: string): number {
  const parsed = Number(value)
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(parsed)) {
    throw new CommanderArgumentError('expected a whole number of 0 or more.')
  }
  return parsed
}

/** A fraction from 0 to 1, e.g. 0.01. */
export function parseRate(value: string): number {
  const parsed = Number(value)
  if (value.trim() === '' || !(parsed >= 0 && parsed <= 1)) {
    throw new CommanderArgumentError('expected a number from 0 to 1, e.g. 0.01.')
  }
  return parsed
}

/** A TCP port, 0 picking a free one. */
export function parsePort(value: string): number {
  const parsed = Number(value)
  if (!/^\d+$/.test(value) || parsed > 65_535) {
    throw new CommanderArgumentError('expected a port from 0 to 65535 (0 picks a free one).')
  }
  return parsed
}
