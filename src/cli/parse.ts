import { InvalidArgumentError as CommanderArgumentError } from 'commander'

/** Commander argument parser for counts and intervals: a whole number above zero. */
export function parsePositiveInteger(value: string): number {
  const parsed = Number(value)
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(parsed) || parsed < 1) {
    throw new CommanderArgumentError('expected a whole number above 0.')
  }
  return parsed
}
