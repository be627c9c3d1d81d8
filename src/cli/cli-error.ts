import { EXIT, type ExitCode } from './exit-codes.js'

/** A failure the CLI itself explains (a busy port, …): one line on stderr, then its exit code. */
export class CliError extends Error {
  readonly exitCode: ExitCode

  constructor(message: string, exitCode: ExitCode = EXIT.failure, options?: ErrorOptions) {
    super(message, options)
    this.name = 'CliError'
    this.exitCode = exitCode
  }
}
