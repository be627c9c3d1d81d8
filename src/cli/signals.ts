import { EXIT } from './exit-codes.js'

/** The signals that stop a command gracefully, and the exit code each ends with. */
export const STOP_SIGNALS = { SIGINT: EXIT.interrupted, SIGTERM: EXIT.ok } as const
export type StopSignal = keyof typeof STOP_SIGNALS

/** The exit code of a command stopped by `signal` (its abort reason), or null if not stopped. */
export function exitCodeForStop(signal: AbortSignal): number | null {
  if (!signal.aborted) return null
  return STOP_SIGNALS[signal.reason as StopSignal] ?? EXIT.interrupted
}

interface SignalProcess {
  on(event: StopSignal, listener: () => void): unknown
  exit(code: number): never
}

/**
 * The first SIGINT or SIGTERM aborts the returned signal (its reason the signal's name), so
 * the command closes its ledger and server and ends with that signal's code; a second one
 * exits at once.
 */
export function handleStopSignals(target: SignalProcess): AbortSignal {
  const stop = new AbortController()
  for (const name of Object.keys(STOP_SIGNALS) as StopSignal[]) {
    target.on(name, () => {
      if (stop.signal.aborted) target.exit(EXIT.interrupted)
      stop.abort(name)
    })
  }
  return stop.signal
}

interface PipedProcess {
  stdout: NodeJS.EventEmitter
  stderr: NodeJS.EventEmitter
  exit(code?: number): never
}

/**
 * A reader that went away (`jobledger status X | head -2`) ends the command quietly with 0,
 * as if all was printed; any other write error is thrown as usual.
 */
export function handleBrokenPipes(target: PipedProcess): void {
  for (const stream of [target.stdout, target.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') target.exit(EXIT.ok)
      throw error
    })
  }
}
