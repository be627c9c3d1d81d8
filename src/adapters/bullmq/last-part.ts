import type { Job } from '../../facades/job.js'

/** How the part that finished the ledger job was settled. */
export type PartOutcome = 'succeeded' | 'failed' | 'stopped'

/** What `onLast` hears, once per ledger job, in the process whose write finished it. */
export interface LastPart<BullJob> {
  token: string
  part: string
  outcome: PartOutcome
  ledgerJob: Job
  bullJob: BullJob
}

/**
 * Hands the completion answer on: the one place the adapter learns that a write finished a
 * ledger job. `onLast`'s error fails this BullMQ attempt; a retry finds the part settled and
 * does not call `onLast` again, so keep it to one quick, idempotent step (e.g. `queue.add` with
 * a `jobId` derived from the token).
 */
export async function announceLast<BullJob>(
  last: boolean,
  onLast: ((last: LastPart<BullJob>) => unknown) | undefined,
  info: LastPart<BullJob>,
): Promise<void> {
  if (last && onLast) await onLast(info)
}
