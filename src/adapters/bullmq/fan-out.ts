import { InvalidArgumentError } from '../../errors/jobledger-error.js'
import type { AnyIterable } from '../../facades/iterate.js'
import type { Job } from '../../facades/job.js'
import type { Ledger } from '../../ledger.js'
import type { BullBulkQueueLike, BullJobOptions } from './bullmq-types.js'
import { type FanOutCommon, splitFanOutOptions } from './fan-out-options.js'
import type { FanOutJobData } from './job-data.js'

export type FanOutOptions = FanOutCommon &
  BullJobOptions & {
    /** BullMQ jobs per `addBulk` call (and parts per ledger write), 1 to 10,000; default 500. */
    chunkSize?: number
  }

const DEFAULT_CHUNK = 500

/**
 * Tracks a fan-out: pushes one part per item into a new ledger job and adds one BullMQ job per
 * item, `{ token, part, item }` as its data, in `addBulk` chunks, holding one chunk at a time
 * (items may be any iterable or async iterable). The ledger job is closed in the same write as
 * the last chunk's parts, before that chunk is added, so the worker that settles the last part
 * is always told it was the last. Other options (attempts, backoff, removeOnComplete, …) go to
 * every BullMQ job.
 *
 * An empty collection adds nothing and closes the job finished at once: no worker will answer
 * "last", so check `await job.isFinished()` after a fan-out that may be empty.
 *
 * @example
 * const job = await fanOut(ledger, queue, files, { name: 'import', attempts: 3 })
 * new Worker('imports', trackedProcessor(ledger, (file) => importFile(file), {
 *   onLast: ({ token }) => reports.add('report', { token }),
 * }), { connection })
 */
export async function fanOut<Item>(
  ledger: Ledger,
  queue: BullBulkQueueLike<FanOutJobData<Item>>,
  items: AnyIterable<Item>,
  options: FanOutOptions,
): Promise<Job> {
  if (typeof queue?.addBulk !== 'function')
    throw new InvalidArgumentError('fanOut needs a BullMQ Queue (with addBulk).')
  const { common, own, jobOptions } = splitFanOutOptions(options, ['chunkSize'], 'fanOut')
  const chunkSize = validateChunkSize(own.chunkSize)
  const job = ledger.job(common.token, common.ttl === undefined ? {} : { ttl: common.ttl })
  await job.pushInBatches(items, { batchSize: chunkSize }, (pairs) =>
    queue.addBulk(
      pairs.map(([item, part]) => ({
        name: common.name,
        data: { token: job.token, part, item },
        opts: jobOptions,
      })),
    ),
  )
  return job
}

function validateChunkSize(value: unknown): number {
  if (value === undefined) return DEFAULT_CHUNK
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 && value <= 10_000)
    return value
  throw new InvalidArgumentError(
    `chunkSize must be an integer from 1 to 10,000, got ${String(value)}.`,
  )
}
