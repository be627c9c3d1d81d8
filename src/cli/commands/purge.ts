import { InvalidArgumentError } from '../../index.js'
import type { CliCommand } from '../command.js'
import { confirm } from '../confirm.js'
import { EXIT } from '../exit-codes.js'
import { countUnits, describeUnitCounts } from '../unit-counts.js'

interface PurgeOptions {
  yes?: boolean
}

/**
 * `jobledger purge`: deletes every unit of every kind under the prefix. It counts what is
 * there first and says it, then asks (or needs --yes when stdin is not a terminal).
 */
export const purgeCommand: CliCommand = {
  name: 'purge',
  register(program, run) {
    program
      .command('purge')
      .description(
        'delete every unit of every kind under the prefix; says what it will delete, asks first on a terminal, needs --yes otherwise',
      )
      .option('-y, --yes', 'do not ask for confirmation (required when stdin is not a terminal)')
      .action(
        run(async ({ ledger, out, target }, options: PurgeOptions) => {
          const what = `${describeUnitCounts(await countUnits(ledger()))} in ${target.description}`
          if (!options.yes) {
            if (out.streams.stdin.isTTY !== true) {
              throw new InvalidArgumentError(
                `Refusing to purge ${what} without confirmation: stdin is not a terminal; pass --yes to purge.`,
              )
            }
            if (!(await confirm(out.streams, `Delete ${what}? This cannot be undone.`))) {
              out.error('purge cancelled; nothing was deleted.')
              return EXIT.failure
            }
          } else out.line(`Purging ${what}.`)
          const removed = await ledger().cleaner.purgeAll()
          out.line(`Purged ${target.description}: ${removed} removed.`)
          return undefined
        }),
      )
  },
}
