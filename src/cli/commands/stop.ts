import { NotFoundError } from '../../index.js'
import type { CliCommand } from '../command.js'

interface StopOptions {
  reason?: string
}

/**
 * `jobledger stop <token>`: raises a job's stop flag. The summary is read first, so stopping
 * a finished or an already stopped job says so and changes nothing.
 */
export const stopCommand: CliCommand = {
  name: 'stop',
  register(program, run) {
    program
      .command('stop')
      .description(
        "raise a job's stop flag; cooperating workers see it via isStopped() (needs --redis)",
      )
      .argument('<token>', 'the job token')
      .option('--reason <text>', 'why, shown by status and to workers')
      .action(
        run(async ({ ledger, out, target }, token: string, options: StopOptions) => {
          const job = ledger().job(token)
          const before = await job.summary()
          if (!before) {
            throw new NotFoundError(
              `Job ${token} does not exist or has expired; nothing to stop.`,
              {
                details: { token, where: target.description },
              },
            )
          }
          if (before.outcome !== null) {
            out.line(`Job ${token} already finished (${before.outcome}); nothing to stop.`)
            return undefined
          }
          if (before.state === 'stopped') {
            const reason = before.stopReason === null ? '' : ` (reason: ${before.stopReason})`
            out.line(`Job ${token} was already stopped${reason}; nothing changed.`)
            return undefined
          }
          await job.stop(options.reason === undefined ? {} : { reason: options.reason })
          ledger().audit({
            action: 'stop',
            unit: `job:${token}`,
            by: 'cli',
            reason: options.reason,
          })
          const summary = await job.summary()
          out.line(`Stop requested for job ${token} (state now ${summary?.state ?? 'unknown'}).`)
          return undefined
        }),
      )
  },
}
