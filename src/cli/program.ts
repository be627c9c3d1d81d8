import { Command, type CommanderError, Option } from 'commander'
import { maskRedisUrl } from '../index.js'
import type { ActionRunner, CommandAction, CommandContext } from './command.js'
import { COMMANDS } from './commands/index.js'
import { explainStoreError } from './connection-errors.js'
import { EXIT } from './exit-codes.js'
import {
  type CliLedger,
  type GlobalOptions,
  openCliLedger,
  PREFIX_ENV,
  REDIS_URL_ENV,
  targetOf,
} from './open-ledger.js'
import type { Output } from './output.js'
import { exitCodeForStop } from './signals.js'
import { packageVersion } from './version.js'

/** What one invocation needs beyond argv; shared by the program and its command actions. */
export interface Invocation {
  out: Output
  signal: AbortSignal
  /** Set by the action that ran. */
  exitCode: number
}

const HELP_AFTER = `
Without --redis, commands use the embedded in-process store, which starts empty in every
invocation: ls, status, watch and stop are only useful with --redis URL (or ${REDIS_URL_ENV}).

Exit codes: 0 ok (also after SIGTERM), 1 failure (unknown id, unreachable store, watched unit
failed), 2 usage, 130 interrupted by Ctrl-C. Colour only on a terminal, never with NO_COLOR.`

function oneLine(message: string): string {
  return message
    .replace(/^error: /, '')
    .split('\n')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .join(' ')
}

/** Prints commander's own errors (unknown option, missing argument) as one line with a hint. */
function configureErrors(command: Command, out: Output, helpCommand: string): void {
  command.configureOutput({
    writeOut: (text) => out.streams.stdout.write(text),
    writeErr: (text) => out.streams.stderr.write(text),
    outputError: (text) => out.error(`${oneLine(text)} (see '${helpCommand} --help')`),
  })
}

/** How long an action may take to wind down after Ctrl-C or SIGTERM before it is cut off. */
const STOP_GRACE_MS = 3000

/**
 * The action's result; once `signal` aborts, the action has STOP_GRACE_MS to finish (commands
 * that serve or watch end at once and close what they opened), then it is given up on.
 */
function unlessStopped<T>(work: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined
    const stopped = () => {
      timer = setTimeout(() => resolve(undefined), STOP_GRACE_MS)
      timer.unref()
    }
    if (signal.aborted) stopped()
    else signal.addEventListener('abort', stopped, { once: true })
    work.then(resolve, reject).finally(() => {
      clearTimeout(timer)
      signal.removeEventListener('abort', stopped)
    })
  })
}

function actionRunner(invocation: Invocation): ActionRunner {
  return <A extends unknown[]>(action: CommandAction<A>) =>
    async (...args: unknown[]) => {
      const command = args.at(-1) as Command
      const globals = command.optsWithGlobals<GlobalOptions>()
      let opened: CliLedger | null = null
      const context: CommandContext = {
        out: invocation.out,
        globals,
        target: targetOf(globals),
        signal: invocation.signal,
        ledger: (extra) => {
          opened ??= openCliLedger(globals, extra, (line) => invocation.out.error(line))
          return opened.ledger
        },
      }
      try {
        const work = action(context, ...(args.slice(0, -1) as A))
        const code = await unlessStopped(work, invocation.signal)
        invocation.exitCode = exitCodeForStop(invocation.signal) ?? code ?? EXIT.ok
      } catch (error) {
        const url = globals.redis === undefined ? '' : maskRedisUrl(globals.redis)
        throw explainStoreError(
          error,
          url,
          (opened as CliLedger | null)?.lastConnectionError() ?? null,
        )
      } finally {
        await (opened as CliLedger | null)?.close()
      }
    }
}

/** The `jobledger` program with every command of the registry. Actions throw; see runCli. */
export function buildProgram(invocation: Invocation): Command {
  const program = new Command('jobledger')
    .description('Inspect and manage jobledger units on Redis or the embedded store.')
    .addOption(
      new Option('--redis <url>', 'Redis to use, e.g. redis://:password@host:6379').env(
        REDIS_URL_ENV,
      ),
    )
    .addOption(
      new Option('--prefix <prefix>', 'key prefix of the ledger on Redis (default: jobledger)').env(
        PREFIX_ENV,
      ),
    )
    .option('--verbose', 'print stack traces with errors')
    .version(packageVersion(), '-V, --version', 'print the version of jobledger')
    .exitOverride()
    .addHelpText('after', HELP_AFTER)
  configureErrors(program, invocation.out, 'jobledger')
  const run = actionRunner(invocation)
  for (const command of COMMANDS) command.register(program, run)
  for (const command of program.commands) {
    configureErrors(command, invocation.out, `jobledger ${command.name()}`)
  }
  return program
}

/** Commander's own exits: help and version are successes, anything else is a usage error. */
export function exitCodeForCommander(error: CommanderError): number {
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok
  return EXIT.usage
}
