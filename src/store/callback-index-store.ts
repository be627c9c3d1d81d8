/** The units that hold durable callbacks: a job (with its batches) or a group (with its stages). */
export type CallbackUnitKind = 'job' | 'group'

export interface CallbackUnit {
  kind: CallbackUnitKind
  id: string
  /** When recovery should look at the unit next (ms since the epoch). */
  checkAt: number
}

/**
 * The index recovery reads instead of the keyspace: every unit that has callbacks registered
 * and may still hold (or come to hold) due outbox entries. A unit enters it before its first
 * callback is registered, so a crash between a signalling write and its dispatch is always
 * found; it leaves once its signals are over and its outbox is empty (confirmed). One entry
 * per unit, so the index is bounded by the live units with callbacks.
 */
export interface CallbackIndexStore {
  /** Adds the unit, or moves its next check to `checkAt`. */
  mark(kind: CallbackUnitKind, id: string, checkAt: number): Promise<void>
  /** Units whose next check is at or before `before`, soonest first, at most `limit`. */
  due(before: number, limit: number): Promise<CallbackUnit[]>
  /** Removes the unit (nothing left to dispatch or to fire). */
  forget(kind: CallbackUnitKind, id: string): Promise<void>
  /** How many units the index holds. */
  size(): Promise<number>
}
