import { setTimeout as delay } from 'node:timers/promises'
import { Option } from 'commander'
import { NotFoundError } from '../../index.js'
import type { CliCommand } from '../command.js'
import { EXIT } from '../exit-codes.js'
import { formatDuration } from '../format.js'
import { kindOption, viewersForKind } from '../kind-option.js'
import { parsePositiveInteger } from '../parse.js'
import { createProgressDisplay } from '../progress-display.js'
import { requireUnit } from '../views/index.js'
import type { Ending } from '../views/unit-view.js'

interface WatchOptions {
  kind?: string
  interval: number
}

const ENDING_WORDS: Record<Ending, string> = {
  succeeded: 'finished: succeeded',
  failed: 'finished: failed',
  stopped: 'was stopped',
}

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
      .action(
        run(async ({ ledger, out, target, signal }, id: string, options: WatchOptions) => {
          const viewers = viewersForKind(options.kind)
          const found = await requireUnit(ledger(), id, viewers, target.description)
          const { viewer } = found
          const label = `${viewer.kind} ${id}`
          const display = createProgressDisplay(out, label)
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
              const next = await viewer.read(ledger(), id)
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
