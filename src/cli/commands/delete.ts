import { InvalidTransitionError } from '../../index.js'
import type { CliCommand } from '../command.js'
import { confirmAction } from '../confirm.js'
import { EXIT } from '../exit-codes.js'

interface DeleteOptions {
  yes?: boolean
}

/**
 * `jobledger delete <group>`: deletes a completed or cancelled group with its stages and staged
 * jobs. Says how much goes first, then asks (or needs --yes without a terminal).
 */
export const deleteCommand: CliCommand = {
  name: 'delete',
  register(program, run) {
    program
      .command('delete')
      .description(
        'delete a completed or cancelled group with its stages and jobs; says how much first, asks on a terminal, needs --yes otherwise (needs --redis)',
      )
      .argument('<group>', 'the group id')
      .option('-y, --yes', 'do not ask for confirmation (required when stdin is not a terminal)')
      .action(
        run(async ({ ledger, out }, id: string, options: DeleteOptions) => {
          const group = await ledger().group(id)
          const record = await group.record()
          if (record.completedAt === null && record.state !== 'stopped') {
            throw new InvalidTransitionError(
              `Group ${id} is ${record.state}; cancel it first (jobledger cancel ${id}) or wait until it completes.`,
            )
          }
          const jobs = Object.values(record.counts).reduce((sum, n) => sum + n, 0)
          const what = `group ${id} ("${record.description}") with ${record.stageCount} stage(s) and ${jobs} staged job(s)`
          out.line(`Deleting ${what}.`)
          const question = `Delete ${what}? This cannot be undone.`
          if (!(await confirmAction(out.streams, { yes: options.yes, what: 'delete', question }))) {
            out.error('delete abandoned; nothing was deleted.')
            return EXIT.failure
          }
          const deleted = await group.delete()
          ledger().audit({ action: 'delete', unit: `group:${id}`, by: 'cli', deleted, jobs })
          out.line(deleted ? `Group ${id} deleted.` : `Group ${id} was already gone.`)
          return undefined
        }),
      )
  },
}
