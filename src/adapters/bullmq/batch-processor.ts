import { batchPart } from '../../domain/batch-items.js'
import { InvalidArgumentError } from '../../errors/jobledger-error.js'
import type { BatchReport, RecordResult, TrackerOptions } from '../../facades/tracker.js'
import type { Ledger } from '../../ledger.js'
import { isMoveSignal, willRetry } from './attempts.js'
import type { BullJobLike, BullProcessor } from './bullmq-types.js'
import { type BatchJobData, readBatchData } from './job-data.js'
import { announceLast, type LastPart } from './last-part.js'

export interface BatchProcessorOptions<Record, BullJob>
  extends Pick<TrackerOptions<Record>, 'load' | 'idOf' | 'concurrency' | 'ttl'> {
  /** Called once per ledger job, by the batch whose write finished it. */
  onLast?: (last: LastPart<BullJob>) => unknown
}

/** A batch's report, plus `already` when the batch was settled before this delivery. */
export type BatchResult = BatchReport & { already: boolean }

/**
 * Wraps a per-record function as a processor for the jobs `fanOutBatches` added: a tracker per
 * BullMQ job works through the batch's pending items and writes every outcome in one step
 * (a record that throws is errored; return 'skipped' to skip it). With BullMQ's retries in mind:
 * - a throw of the batch itself (`load` failed, the store was unreachable) that BullMQ will retry
 *   → nothing written, rethrown, and the retry takes the items still pending;
 * - the same on the last attempt → every pending item errored with that error, the batch
 *   settled, then rethrown;
 * - a stopped ledger job → the tracker stops taking records, writes what it did, and the batch
 *   is completed: the items it never reached are dropped uncounted, so the job still settles
 *   (`report.items` − processed − skipped − errored − missing is what the stop left undone);
 * - a batch already settled (a redelivery after a stall) → nothing run or written, `already`.
 *
 * @example
 * new Worker('imports', batchProcessor(ledger, async (widget) => {
 *   if (widget.imported) return 'skipped'
 *   await importWidget(widget)
 * }, { load: (ids) => db.widgets.findMany(ids), onLast: ({ token }) => summarize(token) }), { connection })
 */
export function batchProcessor<Record, BullJob extends BullJobLike<BatchJobData>>(
  ledger: Ledger,
  fn: (record: Record, bullJob: BullJob) => RecordResult | Promise<RecordResult>,
  options: BatchProcessorOptions<Record, BullJob> = {},
): BullProcessor<BullJob, BatchResult> {
  if (typeof fn !== 'function')
    throw new InvalidArgumentError('batchProcessor needs a function (record, bullJob) => result.')
  const { onLast, ...trackerOptions } = options
  return async (bullJob) => {
    const { token, batch } = readBatchData(bullJob.data)
    const unit = { job: token, batch, ...(options.ttl === undefined ? {} : { ttl: options.ttl }) }
    const announce = async (report: BatchReport) => {
      const ledgerJob = ledger.job(token, options.ttl === undefined ? {} : { ttl: options.ttl })
      const info = { token, part: batchPart(batch), ledgerJob, bullJob }
      const outcome = report.stopped ? 'stopped' : 'succeeded'
      await announceLast(report.jobFinished, onLast, { ...info, outcome })
      return { ...report, already: false }
    }
    if (!(await ledger.job(token).isOpenPart(batchPart(batch)))) return alreadyReport(token, batch)
    let report: BatchReport
    try {
      report = await ledger
        .tracker({ ...trackerOptions, ...unit })
        .eachRecord((r) => fn(r, bullJob))
    } catch (error) {
      if (isMoveSignal(error) || willRetry(bullJob, error)) throw error
      const failed = await ledger.tracker<string>(unit).eachRecord(() => {
        throw error
      })
      await announce(await completeIfStopped(ledger, failed, options.ttl))
      throw error
    }
    return announce(await completeIfStopped(ledger, report, options.ttl))
  }
}

async function completeIfStopped(
  ledger: Ledger,
  report: BatchReport,
  ttl: number | undefined,
): Promise<BatchReport> {
  if (!report.stopped || report.batchDone) return report
  const batch = ledger.batch(report.job, report.batch, ttl === undefined ? {} : { ttl })
  const last = await batch.complete()
  return { ...report, batchDone: true, jobFinished: last }
}

function alreadyReport(job: string, batch: number): BatchResult {
  return {
    job,
    batch,
    processed: 0,
    skipped: 0,
    errored: 0,
    missing: 0,
    remaining: 0,
    stopped: false,
    batchDone: false,
    jobFinished: false,
    already: true,
  }
}
