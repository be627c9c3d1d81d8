import { NotFoundError } from '../../index.js'
import type { CliCommand } from '../command.js'

interface StopOptions {
  reason?: string
}

/** `jobledger stop <token>`: raises a job's stop flag. */
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
        run(async ({ ledger, out }, token: string, options: StopOptions) => {
          const job = ledger().job(token)
          const { found } = await job.stop(
            options.reason === undefined ? {} : { reason: options.reason },
          )
          if (!found)
            throw new NotFoundError(`Job ${token} does not exist or has expired; nothing to stop.`)
          const summary = await job.summary()
          out.line(`Stop requested for job ${token} (state now ${summary?.state ?? 'unknown'}).`)
          return undefined
        }),
      )
  },
}
