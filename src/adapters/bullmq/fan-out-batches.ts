import type { ItemId } from '../../domain/batch-items.js'
import { InvalidArgumentError } from '../../errors/jobledger-error.js'
import type { AnyIterable } from '../../facades/iterate.js'
import type { Job } from '../../facades/job.js'
import type { Ledger } from '../../ledger.js'
import type { BullBulkQueueLike, BullJobOptions } from './bullmq-types.js'
import { type FanOutCommon, splitFanOutOptions } from './fan-out-options.js'
import type { BatchJobData } from './job-data.js'

export type FanOutBatchesOptions = FanOutCommon &
  BullJobOptions & {
    /** Item ids per batch (one BullMQ job per batch), 1 to 1,000,000. */
    size: number
    /** Batch jobs per `addBulk` call, 1 to 1000; default 50. */
    bulkSize?: number
  }

/**
 * Slices item ids into batches of the ledger job (`job.addBatches`) and adds one BullMQ job
 * per batch, `{ token, batch }` as its data, `bulkSize` batches per `addBulk`. The last batch
 * is added and the ledger job closed in one write before the last BullMQ chunk goes out.
 *
 * @example
 * const job = await fanOutBatches(ledger, queue, widgetIds, { name: 'import', size: 1000, attempts: 3 })
 * new Worker('imports', batchProcessor(ledger, (widget) => importWidget(widget), { load }), { connection })
 */
export async function fanOutBatches(
  ledger: Ledger,
  queue: BullBulkQueueLike<BatchJobData>,
  ids: AnyIterable<ItemId>,
  options: FanOutBatchesOptions,
): Promise<Job> {
  if (typeof queue?.addBulk !== 'function')
    throw new InvalidArgumentError('fanOutBatches needs a BullMQ Queue (with addBulk).')
  const split = splitFanOutOptions(options, ['size', 'bulkSize'], 'fanOutBatches')
  const { common, own, jobOptions } = split
  const bulkSize = validateBulkSize(own.bulkSize)
  const job = ledger.job(common.token, common.ttl === undefined ? {} : { ttl: common.ttl })
  const pending: { name: string; data: BatchJobData; opts: BullJobOptions }[] = []
  const flush = async () => {
    if (pending.length > 0) await queue.addBulk(pending.splice(0))
  }
  await job.addBatches(ids, { size: own.size as number }, async ({ index }) => {
    pending.push({ name: common.name, data: { token: job.token, batch: index }, opts: jobOptions })
    if (pending.length >= bulkSize) await flush()
  })
  await flush()
  return job
}

function validateBulkSize(value: unknown): number {
  if (value === undefined) return 50
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 && value <= 1000)
    return value
  throw new InvalidArgumentError(
    `bulkSize must be an integer from 1 to 1000, got ${String(value)}.`,
  )
}
