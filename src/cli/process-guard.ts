import { isJobledgerError } from '../index.js'
import { EXIT, exitCodeForError } from './exit-codes.js'
import type { Output } from './output.js'

let installed = false

/**
 * The last line of defence: a promise rejection nobody handled, or an exception nobody caught,
 * ends the process with one line on stderr (the error's code and message, as every other CLI
 * error reads) and a non-zero exit code, instead of Node's raw stack trace. Installed once.
 */
export function guardProcess(out: Output, verbose = false): void {
  if (installed) return
  installed = true
  const fatal = (error: unknown) => {
    const code = isJobledgerError(error) ? error.code : 'INTERNAL'
    const message = error instanceof Error ? error.message : String(error)
    out.error(
      `internal error (${code}): ${message}${verbose ? '' : ' (run with --verbose for details)'}`,
    )
    if (verbose && error instanceof Error) out.streams.stderr.write(`${error.stack}\n`)
    process.exit(isJobledgerError(error) ? exitCodeForError(error.code) : EXIT.failure)
  }
  process.on('unhandledRejection', fatal)
  process.on('uncaughtException', fatal)
}
