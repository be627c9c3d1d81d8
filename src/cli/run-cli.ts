import { CommanderError } from 'commander'
import { isJobledgerError } from '../index.js'
import { CliError } from './cli-error.js'
import { EXIT, exitCodeForError } from './exit-codes.js'
import { type CliStreams, Output } from './output.js'
import { buildProgram, exitCodeForCommander, type Invocation } from './program.js'

function reportError(error: unknown, out: Output, verbose: boolean): number {
  if (error instanceof CommanderError) return exitCodeForCommander(error)
  if (error instanceof CliError) {
    out.error(error.message)
    if (verbose) out.streams.stderr.write(`${describeStack(error)}\n`)
    return error.exitCode
  }
  if (isJobledgerError(error)) {
    out.error(error.message)
    if (verbose) out.streams.stderr.write(`${describeStack(error)}\n`)
    return exitCodeForError(error.code)
  }
  const message = error instanceof Error ? error.message : String(error)
  out.error(`unexpected error: ${message}${verbose ? '' : ' (run with --verbose for details)'}`)
  if (verbose) out.streams.stderr.write(`${describeStack(error)}\n`)
  return EXIT.failure
}

function describeStack(error: unknown): string {
  const lines: string[] = []
  for (let current = error; current instanceof Error; current = current.cause) {
    lines.push(lines.length === 0 ? String(current.stack) : `caused by: ${current.stack}`)
  }
  return lines.join('\n')
}

/**
 * Runs `jobledger` with the arguments after the program name and returns the exit code.
 * Never throws: every failure is reported on stderr as one line (stack traces with --verbose).
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), process, new AbortController().signal)
 */
export async function runCli(
  args: readonly string[],
  streams: CliStreams,
  signal: AbortSignal,
): Promise<number> {
  const out = new Output(streams)
  const invocation: Invocation = { out, signal, exitCode: EXIT.ok }
  try {
    await buildProgram(invocation).parseAsync([...args], { from: 'user' })
    return invocation.exitCode
  } catch (error) {
    return reportError(error, out, args.includes('--verbose'))
  }
}
