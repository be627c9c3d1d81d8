import { InvalidArgumentError } from '../../errors/jobledger-error.js'
import type { StagedJobPayload } from '../../facades/stage-payload.js'
import type { StagedJob } from '../../facades/staged-job.js'
import type { Ledger } from '../../ledger.js'
import type { BullJobLike } from './bullmq-types.js'

/**
 * A BullMQ processor that runs each job as the staged job it carries: running, then successful,
 * or on a throw `pending_re_run` while BullMQ has attempts left and `failed` after the last one.
 * The error is rethrown so BullMQ retries or fails the job as configured.
 *
 * @example
 * new Worker('pipeline', stagedJobProcessor(ledger, (args, staged) => importFile(args[0])), { connection })
 */
export function stagedJobProcessor<Result>(
  ledger: Ledger,
  work: (args: unknown[], staged: StagedJob) => Result | Promise<Result>,
): (job: BullJobLike<StagedJobPayload>) => Promise<void> {
  if (typeof work !== 'function')
    throw new InvalidArgumentError('stagedJobProcessor needs a work function.')
  return async (job) => {
    const staged = await ledger.stagedJob(job.data)
    const attempts = job.opts.attempts ?? 1
    await staged.run((...args: unknown[]) => work(args, staged), {
      willRetry: () => job.attemptsMade + 1 < attempts,
    })
  }
}
