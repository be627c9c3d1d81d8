import type { OpId } from './op-id.js'
import { fireDueSignals, noSignals, type Signal, type SignalTimes } from './signals.js'

/*
 * A batch: a part `batch-<index>` of its job that carries items. Its own record lives in its
 * job (it expires and is refreshed with it); its items live in their own collection, which
 * carries a deadline of its own (`itemsExpireAt`) that every move of the job's deadline moves
 * too (see refreshBatches in batch-writes.ts).
 *
 * A batch's signals, judged like any unit with parts:
 *   failed     the first report that counted an item errored
 *   stopped    the first report of a tracker that quit early because its job was stopped
 *   settled    its part settled: a tracker went through every pending item, or complete()
 *   succeeded  settled with no item errored
 * Settling the batch settles its part of the job, as failed when an item errored, which is
 * how a batch's signals roll into its job.
 */
export interface BatchRecord {
  index: number
  /** The operation that added the batch: its repeat answers this index and adds nothing. */
  createOp: OpId
  /** Distinct items added. */
  items: number
  /** Items its reports counted errored. */
  errored: number
  settled: boolean
  stopped: boolean
  /** When its first report was written. */
  startedAt: number | null
  signals: SignalTimes
  /** Its items are gone (and nothing may be counted) once the clock reaches this. */
  itemsExpireAt: number
  /** The batch's last write as `<kind>:<op>` (move, remove, report, complete) and its answer. */
  lastOp: string | null
  lastAnswer: number[] | null
}

/** The scope a batch's signals and callbacks are kept under in its job. */
export function batchScope(index: number): string {
  return `batch:${index}`
}

export function newBatchRecord(
  index: number,
  items: number,
  op: OpId,
  itemsExpireAt: number,
): BatchRecord {
  return {
    index,
    createOp: op,
    items,
    errored: 0,
    settled: false,
    stopped: false,
    startedAt: null,
    signals: noSignals(),
    itemsExpireAt,
    lastOp: null,
    lastAnswer: null,
  }
}

/** Records the batch's due signals at `now` and returns them. */
export function fireBatchSignals(batch: BatchRecord, now: number): Signal[] {
  const counters = {
    closed: true,
    open: batch.settled ? 0 : 1,
    failed: batch.errored,
    stopped: batch.stopped,
  }
  return fireDueSignals(counters, batch.signals, now)
}

/** True when the items of an open batch are gone: nothing may be counted or settled then. */
export function batchItemsLost(batch: BatchRecord, itemsExist: boolean, now: number): boolean {
  return !batch.settled && (!itemsExist || batch.itemsExpireAt <= now)
}

/** The reason a batch's part fails with when its items errored. */
export function batchFailureReason(errored: number): string {
  return `items errored: ${errored}`
}

/** What a batch shows of itself: its counts, state and signal times. */
export interface BatchView {
  index: number
  items: number
  errored: number
  settled: boolean
  stopped: boolean
  startedAt: number | null
  signals: SignalTimes
}

export function batchViewOf(batch: BatchRecord): BatchView {
  const { index, items, errored, settled, stopped, startedAt } = batch
  return { index, items, errored, settled, stopped, startedAt, signals: { ...batch.signals } }
}
