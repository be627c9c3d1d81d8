import { createInterface } from 'node:readline/promises'
import { InvalidArgumentError } from '../index.js'
import type { CliStreams } from './output.js'

/** Asks a yes/no question on the terminal; true only for an explicit `y` or `yes`. */
export async function confirm(streams: CliStreams, question: string): Promise<boolean> {
  const prompt = createInterface({ input: streams.stdin, output: streams.stderr, terminal: true })
  try {
    const answer = await prompt.question(`${question} [y/N] `)
    return /^(y|yes)$/i.test(answer.trim())
  } finally {
    prompt.close()
  }
}

/**
 * Says what an action will change and asks on a terminal; without a terminal it needs
 * `--yes`. True to go ahead; false when the operator said no (nothing changed).
 */
export async function confirmAction(
  streams: CliStreams,
  options: { yes?: boolean; what: string; question: string },
): Promise<boolean> {
  if (options.yes) return true
  if (streams.stdin.isTTY !== true) {
    throw new InvalidArgumentError(
      `Refusing to ${options.what} without confirmation: stdin is not a terminal; pass --yes to go ahead.`,
    )
  }
  return confirm(streams, options.question)
}
