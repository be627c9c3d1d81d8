import type { CallbackSpec } from '../domain/outbox.js'
import { SIGNALS, type Signal } from '../domain/signals.js'
import type { Store } from '../store/store.js'

/** The durable callbacks registered at one scope and signal of a job, and which are due. */
export interface RegisteredCallbacks {
  /** '' for the job itself, `batch:<index>` for one of its batches. */
  scope: string
  signal: Signal
  /** In registration order. */
  callbacks: CallbackSpec[]
  /** Names whose signal fired and whose dispatch is not confirmed yet. */
  due: string[]
}

/**
 * A job's callbacks at `scope` ('' the job, `batch:<index>` a batch), per signal that has any,
 * with the names still due: one read per signal and one of the outbox, sent together.
 */
export async function readJobCallbacks(
  store: Store,
  token: string,
  scope: string,
): Promise<RegisteredCallbacks[]> {
  const [outbox, ...specs] = await Promise.all([
    store.jobs.readOutbox(token),
    ...SIGNALS.map((signal) => store.jobs.readCallbacks(token, scope, signal)),
  ])
  return SIGNALS.flatMap((signal, i) => {
    const callbacks = specs[i] ?? []
    if (callbacks.length === 0) return []
    const entry = outbox.find((e) => e.scope === scope && e.signal === signal)
    return [{ scope, signal, callbacks, due: entry ? entry.callbacks.map((c) => c.name) : [] }]
  })
}
