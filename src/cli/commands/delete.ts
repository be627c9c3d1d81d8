import { InvalidTransitionError, type Ledger } from '../../index.js'
import type { CliCommand } from '../command.js'
import { confirmAction } from '../confirm.js'
import { EXIT } from '../exit-codes.js'
import type { Output } from '../output.js'

interface DeleteOptions {
  yes?: boolean
}

/**
 * `jobledger delete <group>`: deletes a completed or cancelled group with its stages and staged
 * jobs; `jobledger delete <queue> <item>`: deletes one item of a tracked queue with its data.
 * Says what goes first, then asks (or needs --yes without a terminal).
 */
export const deleteCommand: CliCommand = {
  name: 'delete',
  register(program, run) {
    program
      .command('delete')
      .description(
        'delete a completed or cancelled group with its stages and jobs, or with <item> one item of the tracked queue <id>; says what first, asks on a terminal, needs --yes otherwise (needs --redis)',
      )
      .argument('<id>', 'the group id, or the queue name when <item> is given')
      .argument('[item]', 'the id of the queue item to delete')
      .option('-y, --yes', 'do not ask for confirmation (required when stdin is not a terminal)')
      .action(
        run(
          async ({ ledger, out }, id: string, item: string | undefined, options: DeleteOptions) =>
            item === undefined
              ? deleteGroup(ledger(), out, id, options)
              : deleteItem(ledger(), out, { queue: id, item }, options),
        ),
      )
  },
}

async function deleteGroup(ledger: Ledger, out: Output, id: string, options: DeleteOptions) {
  const group = await ledger.group(id)
  const record = await group.record()
  if (record.completedAt === null && record.state !== 'stopped') {
    throw new InvalidTransitionError(
      `Group ${id} is ${record.state}; cancel it first (jobledger cancel ${id}) or wait until it completes.`,
    )
  }
  const jobs = Object.values(record.counts).reduce((sum, n) => sum + n, 0)
  const what = `group ${id} ("${record.description}") with ${record.stageCount} stage(s) and ${jobs} staged job(s)`
  if (!(await confirmed(out, what, options))) return EXIT.failure
  const deleted = await group.delete()
  ledger.audit({ action: 'delete', unit: `group:${id}`, by: 'cli', deleted, jobs })
  out.line(deleted ? `Group ${id} deleted.` : `Group ${id} was already gone.`)
  return undefined
}

async function deleteItem(
  ledger: Ledger,
  out: Output,
  target: { queue: string; item: string },
  options: DeleteOptions,
) {
  const queue = ledger.queue(target.queue)
  const found = await queue.get(target.item)
  const what = `item ${found.id} (${found.state}) of queue ${queue.name} with its data`
  if (!(await confirmed(out, what, options))) return EXIT.failure
  await queue.delete(found.id)
  ledger.audit({ action: 'delete', unit: `queue:${queue.name}`, by: 'cli', item: found.id })
  out.line(`Item ${found.id} of queue ${queue.name} deleted.`)
  return undefined
}

async function confirmed(out: Output, what: string, options: DeleteOptions): Promise<boolean> {
  out.line(`Deleting ${what}.`)
  const question = `Delete ${what}? This cannot be undone.`
  if (await confirmAction(out.streams, { yes: options.yes, what: 'delete', question })) return true
  out.error('delete abandoned; nothing was deleted.')
  return false
}
