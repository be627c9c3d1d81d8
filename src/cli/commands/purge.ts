import { InvalidArgumentError } from '../../index.js'
import type { CliCommand } from '../command.js'
import { confirm } from '../confirm.js'
import { EXIT } from '../exit-codes.js'

interface PurgeOptions {
  yes?: boolean
}

/** `jobledger purge`: deletes every unit of every kind under the prefix, after confirmation. */
export const purgeCommand: CliCommand = {
  name: 'purge',
  register(program, run) {
    program
      .command('purge')
      .description(
        'delete every unit of every kind under the prefix; asks first on a terminal, needs --yes otherwise',
      )
      .option('-y, --yes', 'do not ask for confirmation (required when stdin is not a terminal)')
      .action(
        run(async ({ ledger, out, target }, options: PurgeOptions) => {
          if (!options.yes) {
            if (out.streams.stdin.isTTY !== true) {
              throw new InvalidArgumentError(
                `Refusing to purge ${target.description} without confirmation: stdin is not a terminal; pass --yes to purge.`,
              )
            }
            const question = `Delete everything in ${target.description}? This cannot be undone.`
            if (!(await confirm(out.streams, question))) {
              out.error('purge cancelled; nothing was deleted.')
              return EXIT.failure
            }
          }
          const removed = await ledger().cleaner.purgeAll()
          out.line(`Purged ${target.description}: ${removed} removed.`)
          return undefined
        }),
      )
  },
}
