import { isSignal, type Signal } from '../domain/signals.js'
import type { CallbackUnitKind } from '../store/callback-index-store.js'
import type { Store } from '../store/store.js'

/** What fired a signal: a job, one of its batches, a group, or one of its stages. */
export type SignalKind = 'job' | 'batch' | 'group' | 'stage'

export const SIGNAL_KINDS: readonly SignalKind[] = ['job', 'batch', 'group', 'stage']

/** What `ledger.on('<kind>.<signal>', listener)` receives. */
export interface SignalEvent {
  kind: SignalKind
  /** The job's token or the group's id (a batch's job, a stage's group). */
  id: string
  /** '' for a job or group, `batch:<index>` or `stage:<n>` for a part of one. */
  scope: string
  signal: Signal
  /** When the write that fired it answered (ms since the epoch, the store's clock). */
  at: number
}

/** The topic a kind's signal is published on. */
export function signalTopic(kind: SignalKind, signal: Signal): string {
  return `signal.${kind}.${signal}`
}

export function signalKindOf(unit: CallbackUnitKind, scope: string): SignalKind {
  if (scope === '') return unit
  return unit === 'job' ? 'batch' : 'stage'
}

/**
 * Publishes a notice per signal a write fired, from the process that made the write (Redis
 * pub/sub across processes, an emitter in memory). Best effort: listeners learn of a signal
 * unless that process dies first; durable callbacks are the at-least-once path. Never throws.
 */
export async function publishSignals(
  store: Store,
  unit: CallbackUnitKind,
  id: string,
  fired: readonly { scope: string; signal: Signal }[],
): Promise<void> {
  const at = store.now()
  await Promise.all(
    fired.map(({ scope, signal }) => {
      const kind = signalKindOf(unit, scope)
      const event: SignalEvent = { kind, id, scope, signal, at }
      return store.events.publish(signalTopic(kind, signal), { ...event }).catch(() => {})
    }),
  )
}

/** Reads a notice's payload back; null when it is not one. */
export function toSignalEvent(payload: Record<string, unknown>): SignalEvent | null {
  const { kind, id, scope, signal, at } = payload
  if (!SIGNAL_KINDS.includes(kind as SignalKind) || !isSignal(signal)) return null
  if (typeof id !== 'string' || typeof scope !== 'string' || typeof at !== 'number') return null
  return { kind: kind as SignalKind, id, scope, signal, at }
}
