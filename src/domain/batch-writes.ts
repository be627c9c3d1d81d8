import { batchPart, PENDING_SET } from './batch-items.js'
import {
  type BatchRecord,
  batchFailureReason,
  batchItemsLost,
  batchScope,
  fireBatchSignals,
  newBatchRecord,
} from './batch-record.js'
import type { BatchData, OutcomeKind } from './job-data.js'
import type { BatchOutcomes } from './job-results.js'
import { closeJob, type JobWrite, recordFailure, recordFired, refuse } from './job-writes.js'
import { countPushed, countSettled } from './parts.js'
import type { Signal } from './signals.js'

/*
 * The writes of a job's batches, one rule for every store (Lua twins: lua/add-batch.lua,
 * move-items.lua, remove-set.lua, report-batch.lua, complete-batch.lua). A batch write on a
 * batch that does not exist is refused with BATCH_NOT_FOUND; on an open batch whose items are
 * gone with BATCH_ITEMS_EXPIRED. A batch remembers its last write's operation and answer, so
 * that write repeated answers the same and changes nothing.
 */

/**
 * Adds a batch: the next index, its items pending, its part `batch-<index>` pushed, and the
 * job closed when asked. A repeat of the operation answers the same index and adds nothing.
 */
export function addBatch(
  write: JobWrite,
  ids: readonly string[],
  close: boolean,
): { index: number; last: boolean; changed: boolean } {
  const { data, op } = write
  const known = data.batchByOp.get(op)
  if (known !== undefined)
    return { index: known, last: data.record.parts.finishOp === op, changed: false }
  if (data.record.parts.closed) refuse('PUSH_AFTER_CLOSE', { id: write.id })
  const index = data.record.batches.batches
  const part = batchPart(index)
  if (data.parts.slot(part) !== undefined) refuse('BATCH_PART_TAKEN', { id: write.id, part })
  data.parts.add(part)
  countPushed(data.record.parts, 1)
  data.record.batches.batches++
  data.record.batches.items += ids.length
  const record = newBatchRecord(index, ids.length, op, data.record.expiresAt)
  data.batches.push({ record, items: write.factory.items(ids, PENDING_SET) })
  data.batchByOp.set(op, index)
  const last = close ? closeJob(write).last : false
  return { index, last, changed: true }
}

/** The batch a write addresses, refused when it does not exist; null-safe on the job. */
export function batchOf(write: JobWrite | null, id: string, index: number): BatchData {
  const batch = write?.data.batches[index]
  if (!write || !batch) return refuse('BATCH_NOT_FOUND', { id, index })
  return batch
}

/** The kinds of batch write a batch remembers its last one of. */
export type BatchWriteKind = 'move' | 'remove' | 'report' | 'complete'

/** What a batch remembers of its last write: `<kind>:<op>` (an op reused by another kind of write is a new write). */
export function lastWriteOf(kind: BatchWriteKind, op: string): string {
  return `${kind}:${op}`
}

/** The stored answer when this write repeats the batch's last one, else null. */
export function repeatedAnswer(
  write: JobWrite,
  batch: BatchData,
  kind: BatchWriteKind,
): number[] | null {
  const { record } = batch
  return record.lastOp === lastWriteOf(kind, write.op) ? (record.lastAnswer ?? []) : null
}

/** Refuses a write on an open batch whose items are gone. */
export function refuseLostItems(write: JobWrite, batch: BatchData): void {
  if (batchItemsLost(batch.record, true, write.now))
    refuse('BATCH_ITEMS_EXPIRED', { id: write.id, index: batch.record.index })
}

function remember(
  write: JobWrite,
  batch: BatchRecord,
  kind: BatchWriteKind,
  answer: number[],
): number[] {
  batch.lastOp = lastWriteOf(kind, write.op)
  batch.lastAnswer = answer
  return answer
}

/** Moves those of `ids` in set `from` to set `to`; answers [moved]. */
export function moveItems(
  write: JobWrite,
  batch: BatchData,
  from: string,
  to: string,
  ids: readonly string[],
): number[] {
  let moved = 0
  for (const id of new Set(ids)) {
    if (batch.items.setOf(id) !== from) continue
    batch.items.move(id, to)
    moved++
  }
  return remember(write, batch.record, 'move', [moved])
}

/** Removes every item of `set`; answers [removed]. */
export function removeSet(write: JobWrite, batch: BatchData, set: string): number[] {
  const ids = batch.items.idsIn(set)
  for (const id of ids) batch.items.delete(id)
  return remember(write, batch.record, 'remove', [ids.length])
}

/**
 * A tracker's outcomes: only ids still pending count (each leaves the batch); skipped,
 * errored and missing ones are kept in the job's outcome lists. When the tracker went
 * through everything and nothing is left pending, the batch settles. Answers
 * [processed, skipped, errored, missing, remaining, settled (0/1)].
 */
export function reportBatch(write: JobWrite, batch: BatchData, outcomes: BatchOutcomes): number[] {
  const { data } = write
  const index = batch.record.index
  const take = (id: string): boolean => {
    if (batch.items.setOf(id) !== PENDING_SET) return false
    batch.items.delete(id)
    return true
  }
  const keep = (kind: OutcomeKind, id: string, message: string | null = null): boolean => {
    if (!take(id)) return false
    data.outcomes[kind].push({ batch: index, id, message })
    return true
  }
  const processed = outcomes.processed.filter(take).length
  const skipped = outcomes.skipped.filter((id) => keep('skipped', id)).length
  const errored = outcomes.errored.filter((e) => keep('errored', e.id, e.message)).length
  const missing = outcomes.missing.filter((id) => keep('missing', id)).length
  const totals = data.record.batches
  totals.processed += processed
  totals.skipped += skipped
  totals.errored += errored
  totals.missing += missing
  batch.record.errored += errored
  batch.record.startedAt ??= write.now
  if (!outcomes.complete) batch.record.stopped = true
  const remaining = batch.items.idsIn(PENDING_SET).length
  const jobSignals = outcomes.complete && remaining === 0 ? settleBatch(write, batch) : null
  recordBatchSignals(write, batch, jobSignals)
  const settled = jobSignals !== null
  const answer = [processed, skipped, errored, missing, remaining, settled ? 1 : 0]
  return remember(write, batch.record, 'report', answer)
}

/** Ends the batch without a tracker: drops its items and settles it; answers [settled (0/1)]. */
export function completeBatch(write: JobWrite, batch: BatchData): number[] {
  batch.items.clear()
  const jobSignals = settleBatch(write, batch)
  recordBatchSignals(write, batch, jobSignals)
  return remember(write, batch.record, 'complete', [jobSignals === null ? 0 : 1])
}

/**
 * Settles the batch and its part of the job (failed when an item errored). Returns the job's
 * signals that fired, or null when the batch was settled before.
 */
function settleBatch(write: JobWrite, batch: BatchData): Signal[] | null {
  const { data } = write
  const { record } = batch
  if (record.settled) return null
  record.settled = true
  batch.items.clear()
  data.record.batches.batchesDone++
  const part = batchPart(record.index)
  if (data.parts.slot(part) !== 'open') return []
  data.parts.settle(part)
  const outcome = record.errored > 0 ? 'failed' : 'succeeded'
  const change = countSettled(data.record.parts, outcome, write.now, write.op)
  if (outcome === 'failed') recordFailure(data, part, batchFailureReason(record.errored))
  return change.fired
}

/** The batch's signals, then its job's (the batch is a part of the job). */
function recordBatchSignals(write: JobWrite, batch: BatchData, jobSignals: Signal[] | null): void {
  recordFired(write, batchScope(batch.record.index), fireBatchSignals(batch.record, write.now))
  recordFired(write, '', jobSignals ?? [])
}
