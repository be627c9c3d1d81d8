import { InvalidArgumentError } from '../../errors/jobledger-error.js'
import type { Job } from '../../facades/job.js'
import type { Ledger } from '../../ledger.js'
import { isMoveSignal, willRetry } from './attempts.js'
import type { BullJobLike, BullProcessor } from './bullmq-types.js'
import { type FanOutJobData, readFanOutData } from './job-data.js'
import { announceLast, type LastPart, type PartOutcome } from './last-part.js'

/** The reason a part is failed with when its job was stopped before the part ran. */
export const STOPPED_REASON = 'stopped'

export interface TrackedContext<BullJob> {
  token: string
  part: string
  ledgerJob: Job
  bullJob: BullJob
  /** BullMQ's cancellation signal (worker.cancelJob), when the worker gives one. */
  signal?: AbortSignal
}

export interface TrackedProcessorOptions<BullJob> {
  /** Called once per ledger job, by the attempt whose done/fail settled its last part. */
  onLast?: (last: LastPart<BullJob>) => unknown
  /** Seconds the ledger job lives after each write; give it the fan-out's ttl. Default one day. */
  ttl?: number
}

/** What the processor returns (BullMQ keeps it as the job's return value). */
export interface TrackedResult<Result> {
  /** `already`: the part was settled before this delivery (a duplicate), so `fn` did not run. */
  settled: PartOutcome | 'already'
  /** True for exactly one BullMQ job per ledger job: the one that settled its last part. */
  last: boolean
  result?: Result
}

/**
 * Wraps a processor for the jobs `fanOut` added, with BullMQ's retries in mind:
 * - success → `done(part)`;
 * - a throw that BullMQ will retry (attempts left, not UnrecoverableError) → nothing settled,
 *   the error rethrown; a throw on the last attempt → `fail(part, error)`, then rethrown;
 * - BullMQ's move signals (DelayedError, WaitingChildrenError, rate limit) → passed through;
 * - a stopped ledger job (`job.stop()`) → `fn` skipped, the part failed with reason 'stopped'
 *   and the BullMQ job completed, so a stopped job still settles every part exactly once;
 * - a part already settled (a redelivery after a stall) → `fn` skipped, nothing written.
 * The ledger's "last" answer goes to `onLast` and into the return value's `last`.
 *
 * @example
 * new Worker('imports', trackedProcessor(ledger, async (file, { part }) => importFile(file), {
 *   onLast: ({ token, outcome }) => reports.add('report', { token }, { jobId: `report-${token}` }),
 * }), { connection })
 */
export function trackedProcessor<Item, Result, BullJob extends BullJobLike<FanOutJobData<Item>>>(
  ledger: Ledger,
  fn: (item: Item, context: TrackedContext<BullJob>) => Result | Promise<Result>,
  options: TrackedProcessorOptions<BullJob> = {},
): BullProcessor<BullJob, TrackedResult<Result>> {
  if (typeof fn !== 'function')
    throw new InvalidArgumentError('trackedProcessor needs a function (item, context) => result.')
  if (options.onLast !== undefined && typeof options.onLast !== 'function')
    throw new InvalidArgumentError('onLast must be a function ({ token, part, outcome }) => …')
  const jobOptions = options.ttl === undefined ? {} : { ttl: options.ttl }
  return async (bullJob, _token, signal) => {
    const { token, part, item } = readFanOutData<Item>(bullJob.data)
    const ledgerJob = ledger.job(token, jobOptions)
    const settle = async (outcome: PartOutcome, write: () => Promise<boolean>) => {
      const last = await write()
      await announceLast(last, options.onLast, { token, part, outcome, ledgerJob, bullJob })
      return last
    }
    const [open, stopped] = await Promise.all([ledgerJob.isOpenPart(part), ledgerJob.isStopped()])
    if (!open) return { settled: 'already', last: false }
    if (stopped) {
      const last = await settle('stopped', () => ledgerJob.fail(part, STOPPED_REASON))
      return { settled: 'stopped', last }
    }
    let result: Result
    try {
      result = await fn(item, { token, part, ledgerJob, bullJob, ...(signal ? { signal } : {}) })
    } catch (error) {
      if (isMoveSignal(error) || willRetry(bullJob, error)) throw error
      await settle('failed', () => ledgerJob.fail(part, asReason(error)))
      throw error
    }
    const last = await settle('succeeded', () => ledgerJob.done(part))
    return { settled: 'succeeded', last, result }
  }
}

function asReason(error: unknown): string | Error {
  return error instanceof Error ? error : String(error)
}
