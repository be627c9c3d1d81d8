import { Option } from 'commander'
import type { CliCommand } from '../command.js'
import { confirmAction } from '../confirm.js'
import { EXIT } from '../exit-codes.js'
import { parsePositiveInteger } from '../parse.js'

interface RetryFailedOptions {
  limit: number
  yes?: boolean
}

/** `jobledger retry-failed <queue>`: puts a queue's failed items back, oldest first. */
export const retryFailedCommand: CliCommand = {
  name: 'retry-failed',
  register(program, run) {
    program
      .command('retry-failed')
      .description(
        "put a tracked queue's failed items back to waiting, oldest first; says how many first, asks on a terminal, needs --yes otherwise (needs --redis)",
      )
      .argument('<queue>', 'the queue name')
      .addOption(
        new Option('--limit <n>', 'at most this many items (1 to 10000)')
          .default(1000)
          .argParser(parsePositiveInteger),
      )
      .option('-y, --yes', 'do not ask for confirmation (required when stdin is not a terminal)')
      .action(
        run(async ({ ledger, out }, name: string, options: RetryFailedOptions) => {
          const queue = ledger().queue(name)
          const { failed } = await queue.counts()
          if (failed === 0) {
            out.line(`Queue ${name} has no failed items; nothing to retry.`)
            return undefined
          }
          const count = Math.min(failed, options.limit)
          const what = `${count} of ${failed} failed item(s) of queue ${name}`
          out.line(`Retrying ${what}.`)
          const question = `Put ${what} back to waiting (attempts reset)?`
          const go = await confirmAction(out.streams, { yes: options.yes, what: 'retry', question })
          if (!go) {
            out.error('retry-failed abandoned; nothing changed.')
            return EXIT.failure
          }
          const result = await queue.bulk.retryFailed({ limit: options.limit })
          ledger().audit({ action: 'retry-failed', unit: `queue:${name}`, by: 'cli', ...result })
          out.line(
            `Retried ${result.retried} item(s) of queue ${name}; ${result.failed} still failed.`,
          )
          return undefined
        }),
      )
  },
}
