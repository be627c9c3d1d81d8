import type { ErrorCode } from '../index.js'

/** The process exit codes of the `jobledger` command. */
export const EXIT = {
  ok: 0,
  /** The command ran and failed: unknown id, unreachable store, a watched unit that failed. */
  failure: 1,
  /** The command line was wrong: unknown command or option, bad value, missing confirmation. */
  usage: 2,
  /** Stopped by Ctrl-C (128 + SIGINT), as shells report it. */
  interrupted: 130,
} as const

export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

/** The one table from a JobledgerError code to the exit code the CLI ends with. */
const EXIT_CODE_BY_ERROR: Record<ErrorCode, ExitCode> = {
  INVALID_ARGUMENT: EXIT.usage,
  NOT_FOUND: EXIT.failure,
  INVALID_TRANSITION: EXIT.failure,
  CONFLICT: EXIT.failure,
  STORE_UNAVAILABLE: EXIT.failure,
  CLOSED: EXIT.failure,
  TIMEOUT: EXIT.failure,
  ABORTED: EXIT.failure,
  INTERNAL: EXIT.failure,
}

export function exitCodeForError(code: ErrorCode): ExitCode {
  return EXIT_CODE_BY_ERROR[code]
}
