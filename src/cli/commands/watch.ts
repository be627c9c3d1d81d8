import { setTimeout as delay } from 'node:timers/promises'
import { Option } from 'commander'
import { isJobledgerError, NotFoundError } from '../../index.js'
import { CliError } from '../cli-error.js'
import type { CliCommand, CommandContext } from '../command.js'
import { EXIT } from '../exit-codes.js'
import { formatDuration } from '../format.js'
import { kindOption, viewersForKind } from '../kind-option.js'
import { parsePositiveInteger } from '../parse.js'
import { createProgressDisplay } from '../progress-display.js'
import { requireUnit } from '../views/index.js'
import type { Ending, UnitView, UnitViewer } from '../views/unit-view.js'

interface WatchOptions {
  kind?: string
  interval: number
  giveUpAfter: number
}

const ENDING_WORDS: Record<Ending, string> = {
  succeeded: 'finished: succeeded',
  failed: 'finished: failed',
  stopped: 'was stopped',
}

/** How long watch rides out a store it cannot reach, unless --give-up-after says otherwise. */
export const DEFAULT_GIVE_UP_AFTER_MS = 60_000

/** Resolves true when the signal aborted the wait. */
async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    await delay(ms, undefined, { signal })
    return false
  } catch (error) {
    if (signal.aborted) return true
    throw error
  }
}

function isOutage(error: unknown): boolean {
  return isJobledgerError(error) && error.code === 'STORE_UNAVAILABLE'
}

/**
 * Reads of the watched unit that ride out an outage of the store: the first failed read says
 * so, reads go on every interval, the first good one says the store is back; an outage
 * longer than `giveUpAfter` ms ends the watch (exit 1).
 */
function resilientReader(
  context: CommandContext,
  viewer: UnitViewer,
  id: string,
  options: WatchOptions,
) {
  const label = `${viewer.kind} ${id}`
  let outageSince: number | null = null
  return async (): Promise<UnitView | null | 'unreachable'> => {
    try {
      const view = await viewer.read(context.ledger(), id)
      if (outageSince !== null) {
        const outage = formatDuration(Date.now() - outageSince)
        context.out.error(`Redis is back after ${outage}; watching ${label} again.`)
        outageSince = null
      }
      return view
    } catch (error) {
      if (context.target.embedded || !isOutage(error)) throw error
      if (outageSince === null) {
        outageSince = Date.now()
        context.out.error(
          `lost the connection to Redis at ${context.target.description}; retrying every ${formatDuration(options.interval)}, giving up after ${formatDuration(options.giveUpAfter)} (--give-up-after).`,
        )
      } else if (Date.now() - outageSince >= options.giveUpAfter) {
        throw new CliError(
          `Gave up watching ${label}: Redis at ${context.target.description} was unreachable for ${formatDuration(options.giveUpAfter)}.`,
          EXIT.failure,
          { cause: error },
        )
      }
      return 'unreachable'
    }
  }
}

/** `jobledger watch <id>`: a live progress bar until the unit is over; exit 0 only on success. */
export const watchCommand: CliCommand = {
  name: 'watch',
  register(program, run) {
    program
      .command('watch')
      .description(
        'show live progress until the unit is over; exit 0 when it succeeded, 1 when it failed or was stopped (needs --redis)',
      )
      .argument('<id>', 'the unit id (a job token, …)')
      .addOption(kindOption())
      .addOption(
        new Option('--interval <ms>', 'how often to read the unit, in milliseconds')
          .default(500)
          .argParser(parsePositiveInteger),
      )
      .addOption(
        new Option(
          '--give-up-after <ms>',
          'how long to keep retrying while Redis is unreachable, in milliseconds',
        )
          .default(DEFAULT_GIVE_UP_AFTER_MS)
          .argParser(parsePositiveInteger),
      )
      .action(
        run(async (context, id: string, options: WatchOptions) => {
          const { ledger, out, target, signal } = context
          const viewers = viewersForKind(options.kind)
          const found = await requireUnit(ledger(), id, viewers, target.description)
          const { viewer } = found
          const label = `${viewer.kind} ${id}`
          const display = createProgressDisplay(out, label)
          const read = resilientReader(context, viewer, id, options)
          const started = Date.now()
          let view = found.view
          try {
            display.update(view)
            while (view.ending === null) {
              if (await pause(options.interval, signal)) {
                display.stop()
                out.error(`stopped watching ${label}; the unit itself keeps running.`)
                return EXIT.interrupted
              }
              const next = await read()
              if (next === 'unreachable') continue
              if (!next) {
                throw new NotFoundError(
                  `${label} disappeared while watched (it expired or was purged).`,
                )
              }
              view = next
              display.update(view)
            }
          } finally {
            display.stop()
          }
          const watched = formatDuration(Date.now() - started)
          out.line(`${label} ${ENDING_WORDS[view.ending]} (${view.counts}; watched ${watched}).`)
          return view.ending === 'succeeded' ? EXIT.ok : EXIT.failure
        }),
      )
  },
}
