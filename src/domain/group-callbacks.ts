import type { CheckedCallback } from './callback-specs.js'
import { afterWrite, isSettled, lookup, requireDetails } from './group-life.js'
import type { GroupDetails, GroupTable } from './group-unit.js'
import { stageStatusOf } from './group-views.js'
import { type CallbackSpec, type OutboxEntry, outboxField } from './outbox.js'
import { isFinished } from './parts.js'
import type { Signal } from './signals.js'
import { refuse } from './stage-refusals.js'

/** Callbacks one (scope, signal) keeps, by name. */
export const MAX_CALLBACKS_PER_SIGNAL = 32

/** A due outbox entry of a group, with where it fired. */
export interface GroupOutboxEntry extends OutboxEntry {
  scope: string
  signal: Signal
}

/** True when `signal` at `scope` fired or can no longer fire. */
function signalPast(details: GroupDetails, stage: number | null, signal: Signal): boolean {
  const { unit } = details
  const failedAlready = (failed: number) => signal === 'succeeded' && failed > 0
  if (stage === null) {
    if (unit.signals[signal] !== null || isSettled(unit)) return true
    if (unit.stopped && (signal === 'settled' || signal === 'succeeded')) return true
    return failedAlready(unit.counts.failed)
  }
  const found = details.stage(stage)!
  if (found.parts.signals[signal] !== null || isFinished(found.parts)) return true
  if (stageStatusOf(found, unit) === 'skipped' || (unit.stopped && signal === 'stopped'))
    return true
  return failedAlready(found.parts.failed)
}

/**
 * Registers callbacks for a signal of the group (stage null) or of one stage; a name already
 * registered there is replaced. Refused when the signal is past (fired or no longer possible).
 */
export function registerCallbacks(
  table: GroupTable,
  id: string,
  target: { scope: string; stage: number | null },
  signal: Signal,
  callbacks: readonly CheckedCallback[],
  now: number,
): void {
  const { stored, details } = requireDetails(table, id, now)
  if (target.stage !== null && !details.stage(target.stage))
    throw refuse('STAGE_NOT_FOUND', { id, stage: target.stage })
  if (signalPast(details, target.stage, signal))
    throw refuse('STAGE_CALLBACK_PAST', { id, data: [target.scope, signal] })
  const field = outboxField(target.scope, signal)
  const merged = mergeByName(details.callbacks.get(field) ?? [], callbacks)
  if (merged.length > MAX_CALLBACKS_PER_SIGNAL)
    throw refuse('STAGE_CALLBACKS_FULL', { id, data: [MAX_CALLBACKS_PER_SIGNAL] })
  details.callbacks.set(field, merged)
  afterWrite(stored, details.unit, now)
}

function mergeByName(
  existing: readonly CallbackSpec[],
  added: readonly CheckedCallback[],
): CallbackSpec[] {
  const merged = existing.map((spec) => structuredClone(spec))
  for (const { spec } of added) {
    const at = merged.findIndex((old) => old.name === spec.name)
    if (at >= 0) merged[at] = structuredClone(spec)
    else merged.push(structuredClone(spec))
  }
  return merged
}

/** The group's due callbacks (fired before `before`, when given), oldest first. */
export function readOutbox(
  table: GroupTable,
  id: string,
  now: number,
  before: number | null,
): GroupOutboxEntry[] {
  const stored = lookup(table, id, now)
  if (!stored) return []
  return [...stored.outbox]
    .filter(([, entry]) => before === null || entry.dueAt < before)
    .sort(([a, x], [b, y]) => x.dueAt - y.dueAt || (a < b ? -1 : a > b ? 1 : 0))
    .map(([field, entry]) => {
      const at = field.lastIndexOf('|')
      const signal = field.slice(at + 1) as Signal
      return { scope: field.slice(0, at), signal, ...structuredClone(entry) }
    })
}

/** Removes an outbox entry once its callbacks were dispatched. */
export function confirmOutbox(
  table: GroupTable,
  id: string,
  scope: string,
  signal: Signal,
  now: number,
): void {
  lookup(table, id, now)?.outbox.delete(outboxField(scope, signal))
}
