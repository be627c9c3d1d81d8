import type { CliCommand } from '../command.js'

/** `jobledger retry <queue> <id>`: puts a finished or failed item of a tracked queue back. */
export const retryCommand: CliCommand = {
  name: 'retry',
  register(program, run) {
    program
      .command('retry')
      .description(
        'put a finished or failed item of a tracked queue back at the end of the queue (needs --redis)',
      )
      .argument('<queue>', 'the queue name')
      .argument('<id>', 'the item id')
      .action(
        run(async ({ ledger, out }, queue: string, id: string) => {
          const item = await ledger().queue(queue).retry(id)
          ledger().audit({ action: 'retry', unit: `queue:${queue}`, by: 'cli', item: id })
          out.line(`Item ${item.id} of queue ${queue} is ${item.state} again (attempts reset).`)
          return undefined
        }),
      )
  },
}
