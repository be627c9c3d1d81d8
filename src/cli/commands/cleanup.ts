import { Option } from 'commander'
import {
  InvalidArgumentError,
  isJobledgerError,
  type Ledger,
  type StagedJobPayload,
} from '../../index.js'
import type { CliCommand } from '../command.js'
import { parseNonNegativeInteger } from '../parse.js'

interface CleanupOptions {
  olderThan: number
  queue?: string
  json?: boolean
}

class NoQueueGiven extends Error {}

/** Where re-dispatched staged jobs go: the tracked queue of --queue, else nowhere (an error). */
function dispatchTo(ledger: () => Ledger, queue: string | undefined) {
  return async (payload: StagedJobPayload): Promise<void> => {
    if (queue === undefined) throw new NoQueueGiven()
    await ledger().queue(queue).createAndPush(payload)
  }
}

/** `jobledger cleanup`: repairs groups left behind by crashed producers or dispatchers. */
export const cleanupCommand: CliCommand = {
  name: 'cleanup',
  register(program, run) {
    program
      .command('cleanup')
      .description(
        'repair groups left by a crash: re-dispatch staged jobs never confirmed, initiate stalled groups, forget deleted ones (needs --redis)',
      )
      .addOption(
        new Option('--older-than <ms>', 'only repair what has been stuck this long')
          .default(60_000)
          .argParser(parseNonNegativeInteger),
      )
      .option('--queue <name>', 'tracked queue to push re-dispatched staged jobs onto')
      .option('--json', 'print the result as JSON')
      .action(
        run(async ({ ledger: open, out, target }, options: CleanupOptions) => {
          const ledger: Ledger = open({ dispatch: dispatchTo(() => ledger, options.queue) })
          const result = await ledger.cleaner
            .cleanupOrphans({ olderThanMs: options.olderThan })
            .catch(explainMissingQueue)
          if (options.json) out.json(result)
          else {
            const entries = result.removed === 1 ? 'entry' : 'entries'
            out.line(
              `Cleaned up ${target.description}: ${result.redispatched} staged job(s) re-dispatched, ${result.initiated} group(s) initiated, ${result.removed} stale registry ${entries} removed.`,
            )
          }
          return undefined
        }),
      )
  },
}

function explainMissingQueue(error: unknown): never {
  if (isJobledgerError(error) && error.cause instanceof NoQueueGiven) {
    const groupId = String(error.details.groupId)
    throw new InvalidArgumentError(
      `Group ${groupId} has staged jobs to dispatch again; pass --queue NAME to push them onto that tracked queue, or run cleaner.cleanupOrphans() in your app with its dispatch.`,
    )
  }
  throw error
}
