import { extendedExpiry, isExpired } from './expiry.js'
import {
  type FiredSignal,
  type GroupRecord,
  type GroupStateName,
  type GroupSummary,
  stageScope,
} from './group-records.js'
import type { GroupDetails, GroupTable, GroupUnit, StageUnit, StoredGroup } from './group-unit.js'
import type { OpId } from './op-id.js'
import { dueOutboxEntry, outboxField } from './outbox.js'
import { fireDueSignals, type Signal } from './signals.js'
import { refuse } from './stage-refusals.js'

/*
 * A group's life: which of its parts are alive, how a write keeps it alive, and what is left
 * once it is over. The details (stages, jobs) live until `expiresAt`; every accepted write on
 * a group that is not complete extends that deadline (domain/expiry.ts). Completing the group
 * sets it to now + keepCompletedMs (0: the details go in the completing write). Once the group
 * is over (settled or stopped) every write also stores its compact summary, which lives
 * `summaryTtlMs` beyond the details. The outbox of due callbacks lives
 * max(summaryTtlMs, ttlMs) beyond the details, so recovery can still dispatch them.
 */

/** What a group's record is built from: the group's own fields but its operation ids. */
export type GroupFacts = Omit<GroupUnit, 'createOp' | 'seq' | 'finishOp' | 'stopOp' | 'initOp'>

export function isSettled(unit: Pick<GroupUnit, 'signals'>): boolean {
  return unit.signals.settled !== null
}

/** Settled or stopped: nothing more will be initiated. */
export function isOver(unit: Pick<GroupUnit, 'signals' | 'stopped'>): boolean {
  return isSettled(unit) || unit.stopped
}

export function groupStateOf(unit: GroupFacts): GroupStateName {
  if (unit.stopped) return 'stopped'
  if (isSettled(unit)) return unit.counts.failed > 0 ? 'failed' : 'succeeded'
  return unit.current === null ? 'pending' : 'running'
}

export function summaryOf(unit: GroupFacts): GroupSummary {
  const end = unit.signals.settled ?? unit.signals.stopped
  return {
    kind: 'group',
    id: unit.id,
    name: unit.name,
    description: unit.description,
    state: groupStateOf(unit),
    createdAt: unit.createdAt,
    startedAt: unit.startedAt,
    completedAt: unit.signals.settled,
    signals: { ...unit.signals },
    counts: { ...unit.counts },
    stageCount: unit.stageCount,
    stopReason: unit.stopReason,
    firstFailure: unit.firstFailure ? structuredClone(unit.firstFailure) : null,
    durationMs: end === null ? null : end - unit.createdAt,
  }
}

export function groupRecordOf(unit: GroupFacts): GroupRecord {
  return {
    ...summaryOf(unit),
    policy: { ...unit.policy },
    expiresAt: unit.expiresAt,
    sealed: unit.sealed,
    current: unit.current,
    compact: false,
  }
}

/** The summary part of a record (what `completed` carries), e.g. of a compact record. */
export function summaryOfRecord(record: GroupRecord): GroupSummary {
  const { policy: _p, expiresAt: _e, sealed: _s, current: _c, compact: _k, ...summary } = record
  return structuredClone(summary)
}

export function summaryExpiresAt(unit: GroupUnit): number {
  return unit.expiresAt + unit.policy.summaryTtlMs
}

export function outboxExpiresAt(unit: GroupUnit): number {
  return unit.expiresAt + Math.max(unit.policy.summaryTtlMs, unit.policy.ttlMs)
}

/**
 * The stored group with what expired taken away (the details once their deadline passed, the
 * whole entry once nothing in it lives); undefined when nothing is left.
 */
export function lookup(table: GroupTable, id: string, now: number): StoredGroup | undefined {
  const stored = table.get(id)
  if (!stored) return undefined
  if (stored.details && isExpired(stored.details.unit.expiresAt, now)) table.dropDetails(id)
  if (stored.summary && isExpired(stored.summary.record.expiresAt, now)) stored.summary = null
  const outboxLives = stored.outboxExpiresAt !== null && !isExpired(stored.outboxExpiresAt, now)
  if (!outboxLives) stored.outbox.clear()
  if (!stored.details && !stored.summary && stored.outbox.size === 0) {
    table.delete(id)
    return undefined
  }
  return stored
}

/** The live details of a group, or GROUP_NOT_FOUND. */
export function requireDetails(
  table: GroupTable,
  id: string,
  now: number,
): { stored: StoredGroup; details: GroupDetails } {
  const stored = lookup(table, id, now)
  if (!stored?.details) throw refuse('GROUP_NOT_FOUND', { id })
  return { stored, details: stored.details }
}

/**
 * What every accepted write does last: extends the deadline of a group that is not complete
 * (and the outbox's with it), and stores the summary of a group that is over.
 */
export function afterWrite(stored: StoredGroup, unit: GroupUnit, now: number): void {
  if (!isSettled(unit)) {
    const deadline = extendedExpiry(unit.expiresAt, now, unit.policy.ttlMs)
    if (deadline !== null) unit.expiresAt = deadline
  }
  stored.outboxExpiresAt = outboxExpiresAt(unit)
  if (isOver(unit)) storeSummary(stored, unit)
}

export function storeSummary(stored: StoredGroup, unit: GroupUnit): void {
  if (unit.policy.summaryTtlMs === 0) {
    stored.summary = null
    return
  }
  const record = { ...groupRecordOf(unit), expiresAt: summaryExpiresAt(unit), compact: true }
  stored.summary = { record, finishOp: unit.finishOp }
}

/** Copies the callbacks of fired signals into the outbox and reports them in `fired`. */
export function recordFired(
  stored: StoredGroup,
  details: GroupDetails,
  scope: string,
  signals: readonly Signal[],
  now: number,
  fired: FiredSignal[],
): void {
  for (const signal of signals) {
    const entry = dueOutboxEntry(details.callbacks, stored.outbox, scope, signal, now)
    if (entry) stored.outbox.set(outboxField(scope, signal), entry)
    fired.push({ scope, signal, due: entry !== null })
  }
}

export function recordStageFired(
  stored: StoredGroup,
  details: GroupDetails,
  stage: StageUnit,
  signals: readonly Signal[],
  now: number,
  fired: FiredSignal[],
): void {
  recordFired(stored, details, stageScope(stage.number), signals, now, fired)
}

/** Fires the group's own due signals; `complete` when its last stage has just completed. */
export function fireGroupSignals(
  stored: StoredGroup,
  details: GroupDetails,
  now: number,
  fired: FiredSignal[],
  complete = false,
): void {
  const unit = details.unit
  const counters = {
    closed: complete || isSettled(unit),
    open: complete || isSettled(unit) ? 0 : 1,
    failed: unit.counts.failed,
    stopped: unit.stopped,
  }
  recordFired(stored, details, '', fireDueSignals(counters, unit.signals, now), now, fired)
}

/**
 * The write that completed the last stage: fires the group's settled (and succeeded), keeps
 * the details `keepCompletedMs` more (0: drops them now) and stores the summary.
 */
export function completeGroup(
  table: GroupTable,
  stored: StoredGroup,
  details: GroupDetails,
  now: number,
  op: OpId,
  fired: FiredSignal[],
): GroupSummary {
  const unit = details.unit
  fireGroupSignals(stored, details, now, fired, true)
  unit.finishOp = op
  unit.expiresAt = now + unit.policy.keepCompletedMs
  stored.outboxExpiresAt = outboxExpiresAt(unit)
  storeSummary(stored, unit)
  if (unit.policy.keepCompletedMs === 0) table.dropDetails(unit.id)
  return summaryOf(unit)
}
