import type { Command } from 'commander'
import type { Ledger, LedgerOptions } from '../index.js'
import type { ExitCode } from './exit-codes.js'
import type { GlobalOptions, Target } from './open-ledger.js'
import type { Output } from './output.js'

/** What a command's action receives besides its own arguments and options. */
export interface CommandContext {
  out: Output
  globals: GlobalOptions
  target: Target
  /**
   * The ledger of --redis/--prefix, opened on first use (with `extra` options, e.g. a
   * dispatch) and closed after the command.
   */
  ledger(extra?: LedgerOptions): Ledger
  /** Aborted on Ctrl-C or SIGTERM (the reason names it), so long-running commands stop cleanly. */
  signal: AbortSignal
}

/** An action body: returns the exit code (ok when nothing is returned) or throws. */
export type CommandAction<A extends unknown[]> = (
  context: CommandContext,
  ...args: A
) => Promise<ExitCode | undefined>

/** Turns an action body into a commander action with a context, ledger lifecycle and exit code. */
export type ActionRunner = <A extends unknown[]>(
  action: CommandAction<A>,
) => (...args: unknown[]) => Promise<void>

/**
 * One `jobledger <name>` command, in its own file under commands/. It adds itself to the
 * program (arguments, options, help) and wraps its action with `run`.
 */
export interface CliCommand {
  name: string
  register(program: Command, run: ActionRunner): void
}
