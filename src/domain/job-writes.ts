import { extendedExpiry, initialExpiry } from './expiry.js'
import type { JobData, JobDataFactory } from './job-data.js'
import { newJobData } from './job-data.js'
import { type JobCreation, newJobRecord } from './job-record.js'
import type { FiredSignal, PartOutcome } from './job-results.js'
import type { OpId } from './op-id.js'
import { dueOutboxEntry, type OutboxEntry } from './outbox.js'
import { closeParts, countPushed, countSettled, stopParts, unchanged } from './parts.js'
import { type RefusalContext, type RefusalName, refusalCode, refusalError } from './refusals.js'
import type { Signal } from './signals.js'

/*
 * The writes of a distributed job, one rule for every store (Lua twins: lua/push-parts.lua,
 * close-job.lua, done-part.lua, stop-job.lua, set-job-ttl.lua). Each write validates before
 * it changes anything (a refusal throws and leaves the job as it was), then changes the job
 * and ends with `finishWrite`: the deadline moves when less than the ttl is left (and the open
 * batches' items move with it), and the callbacks of the signals it fired become due.
 * A write that changes nothing (a part already settled, a job already closed or stopped)
 * moves no deadline.
 */

/** One write in progress on one job. */
export interface JobWrite {
  readonly id: string
  readonly data: JobData
  /** The job's outbox (it outlives the job's details by its summary ttl). */
  readonly outbox: Map<string, OutboxEntry>
  readonly factory: JobDataFactory
  readonly now: number
  readonly op: OpId
  readonly fired: FiredSignal[]
  /** True when this operation created the job (a repeat of the creating operation included). */
  readonly created: boolean
  /** True when the job did not exist before this write: the store keeps it only if it succeeds. */
  readonly isNew: boolean
}

/** Throws the refusal `name` as every store does: nothing has been written. */
export function refuse(name: RefusalName, context: RefusalContext): never {
  throw refusalError(refusalCode(name), context) ?? new Error(`unknown refusal ${name}`)
}

/** The write's view of a job that must exist; null when it does not (or has expired). */
export function existingWrite(
  id: string,
  data: JobData | null,
  outbox: Map<string, OutboxEntry>,
  factory: JobDataFactory,
  now: number,
  op: OpId,
): JobWrite | null {
  if (!data) return null
  return { id, data, outbox, factory, now, op, fired: [], created: false, isNew: false }
}

/** The write's view of a job it may create: the live one, or a new one made from `creation`. */
export function creatingWrite(
  id: string,
  live: JobData | null,
  outbox: Map<string, OutboxEntry>,
  factory: JobDataFactory,
  creation: JobCreation,
  now: number,
  op: OpId,
): JobWrite {
  if (live) {
    const created = live.record.createOp === op
    return { id, data: live, outbox, factory, now, op, fired: [], created, isNew: false }
  }
  const data = newJobData(newJobRecord(creation, now, op), factory)
  return { id, data, outbox, factory, now, op, fired: [], created: true, isNew: true }
}

export function recordFired(write: JobWrite, scope: string, signals: readonly Signal[]): void {
  for (const signal of signals) write.fired.push({ scope, signal })
}

/** Moves every open batch's items to the job's deadline (items already gone stay gone). */
export function refreshBatches(data: JobData, now: number): void {
  for (const batch of data.batches) {
    const { record } = batch
    if (!record.settled && record.itemsExpireAt > now) record.itemsExpireAt = data.record.expiresAt
  }
}

/**
 * Ends a write that changed the job: extends the deadline when less than the ttl is left
 * (`forceDeadline` sets it), then makes the fired signals' callbacks due. Returns those.
 */
export function finishWrite(write: JobWrite, forceDeadline: number | null = null): FiredSignal[] {
  const { record } = write.data
  const next = forceDeadline ?? extendedExpiry(record.expiresAt, write.now, record.policy.ttlMs)
  if (next !== null) {
    record.expiresAt = next
    refreshBatches(write.data, write.now)
  }
  const due: FiredSignal[] = []
  for (const fired of write.fired) {
    const entry = dueOutboxEntry(
      write.data.callbacks,
      write.outbox,
      fired.scope,
      fired.signal,
      write.now,
    )
    if (!entry) continue
    write.outbox.set(`${fired.scope}|${fired.signal}`, entry)
    due.push(fired)
  }
  return due
}

/** Distinct parts among `parts` that were never pushed. */
export function freshParts(data: JobData, parts: readonly string[]): string[] {
  return [...new Set(parts)].filter((part) => data.parts.slot(part) === undefined)
}

/**
 * Pushes parts (one never pushed before is added open; a known one is left as it is) and,
 * when asked, closes the job. Refused with PUSH_AFTER_CLOSE when a closed job would get a
 * part it never had. Returns the parts added, whether this finished the job, and whether it
 * changed anything.
 */
export function pushParts(
  write: JobWrite,
  parts: readonly string[],
  close: boolean,
): { added: number; last: boolean; changed: boolean } {
  const { data } = write
  const fresh = freshParts(data, parts)
  if (data.record.parts.closed && fresh.length > 0) refuse('PUSH_AFTER_CLOSE', { id: write.id })
  for (const part of fresh) data.parts.add(part)
  countPushed(data.record.parts, fresh.length)
  if (!close) return { added: fresh.length, last: false, changed: fresh.length > 0 }
  const closing = closeJob(write)
  return {
    added: fresh.length,
    last: closing.last,
    changed: fresh.length > 0 || closing.changed,
  }
}

/** Seals the job; when nothing is open this finishes it. */
export function closeJob(write: JobWrite): { closed: boolean; last: boolean; changed: boolean } {
  const change = closeParts(write.data.record.parts, write.now, write.op)
  recordFired(write, '', change.fired)
  return { closed: change.closedNow, last: change.last, changed: change.closedNow }
}

/** Settles an open part; an unknown or settled part changes nothing. */
export function settlePart(
  write: JobWrite,
  part: string,
  outcome: PartOutcome,
): { removed: boolean; last: boolean } {
  const { data } = write
  if (data.parts.slot(part) !== 'open') {
    return { removed: false, last: unchanged(data.record.parts, write.op).last }
  }
  data.parts.settle(part)
  const change = countSettled(data.record.parts, outcome.kind, write.now, write.op)
  if (outcome.kind === 'failed') recordFailure(data, part, outcome.reason)
  recordFired(write, '', change.fired)
  return { removed: true, last: change.last }
}

export function recordFailure(data: JobData, part: string, reason: string): void {
  data.failures.push({ part, reason })
  data.record.firstFailure ??= { part, reason }
}

/** Raises the stop flag; the first stop keeps its reason and fires `stopped`. */
export function stopJob(
  write: JobWrite,
  reason: string | null,
): { stopped: boolean; changed: boolean } {
  const { record } = write.data
  if (record.parts.stopped) return { stopped: record.stopOp === write.op, changed: false }
  record.stopReason = reason
  record.stopOp = write.op
  const change = stopParts(record.parts, write.now, write.op)
  recordFired(write, '', change.fired)
  return { stopped: true, changed: true }
}

/** The job's new ttl: stored in its policy, and its deadline set from now (sooner or later). */
export function setJobTtl(write: JobWrite, ttlMs: number): number {
  write.data.record.policy.ttlMs = ttlMs
  return initialExpiry(write.now, ttlMs)
}
