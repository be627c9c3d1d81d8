import { InvalidArgumentError } from '../../errors/jobledger-error.js'
import type { Status } from '../../facades/status.js'
import type { Ledger } from '../../ledger.js'
import { isMoveSignal, willRetry } from './attempts.js'
import type { BullProcessedJobLike, BullProcessor } from './bullmq-types.js'

export interface StatusProcessorOptions<BullJob> {
  /** The status id of a BullMQ job; default `<queueName>:<job id>` (job ids repeat across queues). */
  statusId?: (job: BullJob) => string
  /** Progress updates are written at most once per this many ms; default 250. */
  throttleMs?: number
  /** Seconds the status lives after its last write; default 3600. */
  expiresIn?: number
}

/**
 * Mirrors each BullMQ job a processor runs into a jobledger status, so `ledger.getStatus(id)`,
 * `GET /api/statuses/:id` and the dashboard show it: `working` (with name, queue, attempt and
 * attempts) when an attempt starts; every `job.updateProgress(n)` as progress n of 100 (an
 * object progress as the field `bullmqProgress`), throttled; `completed` on success; on a throw
 * `queued` with `lastError` while BullMQ will retry, `failed` with `error` after the last attempt.
 * Wraps any processor, so it composes: `statusProcessor(ledger, trackedProcessor(ledger, fn))`.
 *
 * @example
 * new Worker('reports', statusProcessor(ledger, async (job) => {
 *   for (const [i, page] of pages.entries()) { await render(page); await job.updateProgress(((i + 1) * 100) / pages.length) }
 * }), { connection })
 * await ledger.getStatus(`reports:${job.id}`)   // { status: 'working', progress: 40, total: 100, … }
 */
export function statusProcessor<BullJob extends BullProcessedJobLike<unknown>, Result>(
  ledger: Ledger,
  processor: BullProcessor<BullJob, Result>,
  options: StatusProcessorOptions<BullJob> = {},
): BullProcessor<BullJob, Result> {
  if (typeof processor !== 'function')
    throw new InvalidArgumentError('statusProcessor needs a BullMQ processor (job) => result.')
  const statusId = options.statusId ?? ((job: BullJob) => `${job.queueName}:${job.id}`)
  const statusOptions = {
    throttleMs: options.throttleMs ?? 250,
    ...(options.expiresIn === undefined ? {} : { expiresIn: options.expiresIn }),
  }
  return async (job, token, signal) => {
    const status = ledger.status(statusId(job), statusOptions)
    const attempts = Math.max(1, job.opts.attempts ?? 1)
    await status.update({
      status: 'working',
      name: job.name,
      queue: job.queueName,
      attempt: job.attemptsMade + 1,
      attempts,
    })
    mirrorProgress(job, status)
    try {
      const result = await processor(job, token, signal)
      await status.update({ status: 'completed' })
      return result
    } catch (error) {
      if (!isMoveSignal(error)) await recordFailure(status, job, error)
      throw error
    }
  }
}

function mirrorProgress(job: BullProcessedJobLike<unknown>, status: Status): void {
  const original = job.updateProgress.bind(job)
  job.updateProgress = async (progress) => {
    await original(progress)
    if (typeof progress === 'number' && Number.isFinite(progress) && progress >= 0)
      await status.update({ progress, total: 100 })
    else await status.update({ bullmqProgress: progress })
  }
}

async function recordFailure(
  status: Status,
  job: BullProcessedJobLike<unknown>,
  error: unknown,
): Promise<void> {
  const described =
    error instanceof Error
      ? { name: error.name, message: error.message }
      : { name: 'Error', message: String(error) }
  if (willRetry(job, error)) await status.update({ status: 'queued', lastError: described })
  else await status.update({ status: 'failed', error: described })
}
