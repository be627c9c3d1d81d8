import { Option } from 'commander'
import type { CliCommand } from '../command.js'
import { confirmAction } from '../confirm.js'
import { EXIT } from '../exit-codes.js'
import { parseNonNegativeInteger, parsePositiveInteger } from '../parse.js'

interface CleanOptions {
  olderThan: number
  state: 'finished' | 'failed'
  limit: number
  yes?: boolean
}

/** `jobledger clean <queue> --older-than <ms>`: deletes settled items of a queue. */
export const cleanCommand: CliCommand = {
  name: 'clean',
  register(program, run) {
    program
      .command('clean')
      .description(
        "delete a tracked queue's finished (or failed) items settled before --older-than; counts first, asks on a terminal, needs --yes otherwise (needs --redis)",
      )
      .argument('<queue>', 'the queue name')
      .addOption(
        new Option('--older-than <ms>', 'only items settled at least this long ago (0: all)')
          .makeOptionMandatory()
          .argParser(parseNonNegativeInteger),
      )
      .addOption(
        new Option('--state <state>', 'which settled items')
          .choices(['finished', 'failed'])
          .default('finished'),
      )
      .addOption(
        new Option('--limit <n>', 'at most this many items (1 to 10000)')
          .default(1000)
          .argParser(parsePositiveInteger),
      )
      .option('-y, --yes', 'do not ask for confirmation (required when stdin is not a terminal)')
      .action(
        run(async ({ ledger, out }, name: string, options: CleanOptions) => {
          const queue = ledger().queue(name)
          const clean = {
            state: options.state,
            olderThanMs: options.olderThan,
            limit: options.limit,
          }
          const planned = await queue.bulk.clean({ ...clean, dryRun: true })
          if (planned.matched === 0) {
            out.line(`Queue ${name} has no ${options.state} items that old; nothing to clean.`)
            return undefined
          }
          const what = `${planned.matched} ${options.state} item(s) of queue ${name} settled before ${new Date(planned.cutoff).toISOString()}`
          out.line(`Cleaning ${what}.`)
          const question = `Delete ${what}? This cannot be undone.`
          const go = await confirmAction(out.streams, { yes: options.yes, what: 'clean', question })
          if (!go) {
            out.error('clean abandoned; nothing was deleted.')
            return EXIT.failure
          }
          const result = await queue.bulk.clean(clean)
          ledger().audit({ action: 'clean', unit: `queue:${name}`, by: 'cli', ...result })
          const more = result.complete ? '' : ' More remain: run it again.'
          out.line(`Deleted ${result.deleted} ${options.state} item(s) of queue ${name}.${more}`)
          return undefined
        }),
      )
  },
}
