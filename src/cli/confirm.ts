import { createInterface } from 'node:readline/promises'
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
