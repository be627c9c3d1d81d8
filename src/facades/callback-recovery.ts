import type { CallbackUnit } from '../store/callback-index-store.js'
import type { Store } from '../store/store.js'
import type { CallbackDispatch, DueEntry } from './callbacks.js'

/** Units read from the callback index per page, and the most pages one recovery reads. */
const PAGE = 100
const MAX_PAGES = 100

export interface CallbackRecoveryResult {
  /** Callbacks due longer than the cutoff, dispatched again and confirmed. */
  redispatched: number
  /** Callbacks whose dispatch failed again: they stay due. */
  failed: number
  /** Units removed from the callback index (nothing left to fire or dispatch). */
  forgotten: number
}

/**
 * Re-dispatches callbacks left due by a crash (or a failed dispatch): every unit of the
 * callback index whose check is due, its outbox entries due before `before`. A unit still
 * able to fire is looked at again `recheckMs` later (sooner when an entry is young).
 */
export async function recoverCallbacks(
  store: Store,
  callbacks: CallbackDispatch,
  before: number,
  recheckMs: number,
): Promise<CallbackRecoveryResult> {
  const result: CallbackRecoveryResult = { redispatched: 0, failed: 0, forgotten: 0 }
  if (!callbacks.canDispatch) return result
  const now = store.now()
  const seen = new Set<string>()
  for (let page = 0; page < MAX_PAGES; page++) {
    const units = (await store.callbackIndex.due(now, PAGE)).filter(
      (unit) => !seen.has(`${unit.kind}:${unit.id}`),
    )
    if (units.length === 0) break
    for (const unit of units) {
      seen.add(`${unit.kind}:${unit.id}`)
      await recoverUnit(store, callbacks, unit, { now, before, recheckMs }, result)
    }
  }
  return result
}

interface RecoveryTimes {
  now: number
  before: number
  recheckMs: number
}

async function recoverUnit(
  store: Store,
  callbacks: CallbackDispatch,
  unit: CallbackUnit,
  times: RecoveryTimes,
  result: CallbackRecoveryResult,
): Promise<void> {
  const entries: DueEntry[] =
    unit.kind === 'job'
      ? await store.jobs.readOutbox(unit.id)
      : await store.stages.readOutbox(unit.id, null)
  const stuck = entries.filter((entry) => entry.dueAt < times.before)
  const outcome = await callbacks.dispatchEntries(unit.kind, unit.id, stuck)
  result.redispatched += outcome.dispatched
  result.failed += outcome.failed
  if (stuck.length === entries.length && outcome.failed === 0) {
    if (await callbacks.forgetWhenOver(unit.kind, unit.id)) {
      result.forgotten++
      return
    }
  }
  const young = entries.find((entry) => entry.dueAt >= times.before)
  const recheckAt = times.now + times.recheckMs
  const checkAt = young ? Math.min(recheckAt, young.dueAt + (times.now - times.before)) : recheckAt
  await store.callbackIndex.mark(unit.kind, unit.id, Math.max(checkAt, times.now + 1))
}
