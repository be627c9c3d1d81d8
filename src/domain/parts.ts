import type { OpId } from './op-id.js'
import { fireDueSignals, noSignals, type Signal, type SignalTimes } from './signals.js'

/*
 * The one rule for units with parts — a job (whose batches are parts too) and a stage of a
 * group (whose parts are its staged jobs). Where a part's own state lives (a bitmap, a hash,
 * a staged job's status) is the store's business; these counters and flags are the rule:
 *
 *   open ──close()──▶ closed ──last open part settled──▶ settled (finished)
 *     └───────── close() when nothing is open ─────────────▲
 *
 * Whoever settles the last open part of a closed unit (or closes a unit with nothing open)
 * finishes it, and only that operation: its op id is kept as `finishOp`, so a repeat of that
 * operation is told "last" again while any other caller's duplicate is not. Settling, closing
 * and stopping fire the unit's terminal signals (domain/signals.ts).
 * Lua twin: src/stores/redis/lua/include/parts.lua.
 */
export interface PartsRecord {
  /** Parts ever pushed. */
  total: number
  /** Parts pushed and not settled. */
  open: number
  succeeded: number
  failed: number
  closed: boolean
  stopped: boolean
  /** When the first part settled. */
  startedAt: number | null
  signals: SignalTimes
  /** The operation that finished the unit. */
  finishOp: OpId | null
}

export type PartOutcomeKind = 'succeeded' | 'failed'

export interface PartsChange {
  /** True for the one operation that finished the unit (and for a repeat of it). */
  last: boolean
  /** Signals this change fired, in recording order. */
  fired: Signal[]
}

export function newPartsRecord(): PartsRecord {
  return {
    total: 0,
    open: 0,
    succeeded: 0,
    failed: 0,
    closed: false,
    stopped: false,
    startedAt: null,
    signals: noSignals(),
    finishOp: null,
  }
}

export function isFinished(record: PartsRecord): boolean {
  return record.signals.settled !== null
}

/** Counts `fresh` newly pushed parts. The caller refuses fresh parts of a closed unit first. */
export function countPushed(record: PartsRecord, fresh: number): void {
  record.total += fresh
  record.open += fresh
}

/** Seals the unit; when nothing is open this finishes it. */
export function closeParts(
  record: PartsRecord,
  now: number,
  op: OpId,
): PartsChange & { closedNow: boolean } {
  if (record.closed) return { closedNow: false, last: record.finishOp === op, fired: [] }
  record.closed = true
  return { closedNow: true, ...fire(record, now, op) }
}

/** Counts one open part as settled (the caller has just closed the part itself). */
export function countSettled(
  record: PartsRecord,
  outcome: PartOutcomeKind,
  now: number,
  op: OpId,
): PartsChange {
  record.open--
  record[outcome]++
  if (record.startedAt === null) record.startedAt = now
  return fire(record, now, op)
}

/** The answer to an operation whose part was not open (unknown or settled before). */
export function unchanged(record: PartsRecord, op: OpId): PartsChange {
  return { last: record.finishOp === op, fired: [] }
}

/** Raises the stop flag; the first stop fires `stopped`. */
export function stopParts(record: PartsRecord, now: number, op: OpId): PartsChange {
  record.stopped = true
  return fire(record, now, op)
}

function fire(record: PartsRecord, now: number, op: OpId): PartsChange {
  const fired = fireDueSignals(record, record.signals, now)
  const last = fired.includes('settled')
  if (last) record.finishOp = op
  return { last: last || record.finishOp === op, fired }
}
