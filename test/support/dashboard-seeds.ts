import {
  type Dispatch,
  type Ledger,
  type LedgerOptions,
  queueItemStatusId,
} from '../../src/index.js'

/**
 * A job of two batches: batch 0 tracked (items 1–3 processed, 4 skipped, 5 errored with
 * `errorMessage`, 6 missing), batch 1 (items 7–8) still open.
 */
export async function seedBatchedJob(
  ledger: Ledger,
  token: string,
  errorMessage = 'price is not a number',
): Promise<void> {
  const job = ledger.job(token)
  await job.addBatch([1, 2, 3, 4, 5, 6])
  await job.addBatch([7, 8])
  const tracker = ledger.tracker<string>({
    job: token,
    batch: 0,
    load: (ids) => ids.filter((id) => id !== '6'),
    idOf: (id) => id,
  })
  await tracker.eachRecord((id) => {
    if (id === '4') return 'skipped'
    if (id === '5') throw new TypeError(errorMessage)
    return undefined
  })
}

/** Ledger options that keep dispatched staged-job payloads, and keep completed groups. */
export function stagesLedger(): { options: LedgerOptions; payloads: unknown[] } {
  const payloads: unknown[] = []
  const dispatch: Dispatch = (payload) => {
    payloads.push(payload)
  }
  return { options: { dispatch, keepCompletedMs: 3_600_000 }, payloads }
}

/**
 * A group of two stages (stage 1: ImportFile a.csv and b.csv; stage 2: Summarize), with the
 * first job run to success and `message` as its status_message. Returns the group's id.
 */
export async function seedGroup(
  ledger: Ledger,
  payloads: unknown[],
  description: string,
  message = 'row 40 of 100',
): Promise<string> {
  const group = await ledger.withinGrouping(description, async (g) => {
    await g.stage(1).enqueue('ImportFile', ['a.csv'])
    await g.stage(1).enqueue('ImportFile', ['b.csv'])
    await g.stage(2).enqueue('Summarize', [])
  })
  const first = await ledger.stagedJob(payloads.shift())
  await first.run(async () => {
    await first.setStatusMessage(message)
  })
  return group.id
}

/** Runs every dispatched staged job to success until the group completes. */
export async function completeGroup(ledger: Ledger, payloads: unknown[]): Promise<void> {
  while (payloads.length > 0) {
    const staged = await ledger.stagedJob(payloads.shift())
    await staged.run(() => undefined)
  }
}

/** A queue with one waiting, one finished and one failed item (errors: `[error]`). */
export async function seedQueue(
  ledger: Ledger,
  name: string,
  error: unknown = 'disk full',
): Promise<{ waiting: string; finished: string; failed: string }> {
  const queue = ledger.queue(name)
  const finished = await queue.createAndPush({ file: 'a.csv' })
  const failed = await queue.createAndPush({ file: 'b.csv' })
  const waiting = await queue.createAndPush({ file: 'c.csv' })
  const first = await queue.popAndStart({ timeoutMs: 1000 })
  await first!.finish({ rows: 10 })
  const second = await queue.popAndStart({ timeoutMs: 1000 })
  await second!.fail([error])
  return { waiting, finished, failed }
}

/**
 * seedGroup's group with its dispatched jobs on the tracked queue `queue`, as a worker sees
 * them: the first item popped, its staged job run with the item as carrier and reported in the
 * item's status (subject: the item), the item finished.
 */
export async function seedCarriedGroup(
  ledger: Ledger,
  payloads: unknown[],
  queue = 'work',
): Promise<{ groupId: string; jobId: string; itemId: string; statusId: string }> {
  const group = await ledger.withinGrouping('carried import', async (g) => {
    await g.stage(1).enqueue('ImportFile', ['a.csv'])
    await g.stage(1).enqueue('ImportFile', ['b.csv'])
    await g.stage(2).enqueue('Summarize', [])
  })
  const work = ledger.queue(queue)
  for (const payload of payloads.splice(0, payloads.length)) await work.createAndPush(payload)
  const item = await work.popAndStart({ timeoutMs: 1000 })
  if (!item) throw new Error('seedCarriedGroup: nothing on the queue')
  const subject = { kind: 'queue-item' as const, queue: item.queue, id: item.id }
  const status = ledger.status(queueItemStatusId(item), { subject })
  await status.update({ status: 'working', total: 100 })
  const staged = await ledger.stagedJob(item.data)
  await staged.run(() => staged.setStatusMessage('row 40 of 100'), { carrier: item })
  await status.update({ status: 'completed', progress: 100 })
  await item.finish({ rows: 100 })
  return { groupId: group.id, jobId: staged.id, itemId: item.id, statusId: status.id }
}
