import type { Signal } from './signals.js'

/*
 * Durable callbacks, the rule both stores follow. A unit keeps the callbacks registered on
 * it per (scope, signal) — scope '' is the unit itself, `batch:<index>` one of a job's
 * batches, `stage:<n>` one of a group's stages. The write that fires a signal copies that
 * signal's callbacks into the unit's outbox, in the same atomic step; an outbox entry stays
 * until its dispatch is confirmed, so a crash after the write loses nothing.
 */

/** A callback as registered: what `dispatch` receives (plain JSON). */
export interface CallbackSpec {
  name: string
  args: unknown[]
}

/** The field a (scope, signal) pair is kept under in both the callbacks and the outbox. */
export function outboxField(scope: string, signal: Signal): string {
  return `${scope}|${signal}`
}

/** A due outbox entry: the callbacks of one fired signal. */
export interface OutboxEntry {
  dueAt: number
  callbacks: CallbackSpec[]
}

/**
 * The outbox entry a fired signal makes due, or null when nothing was registered for it
 * (or it is already due). `callbacks` and `outbox` are the unit's, keyed by outboxField.
 */
export function dueOutboxEntry(
  callbacks: ReadonlyMap<string, CallbackSpec[]>,
  outbox: ReadonlyMap<string, OutboxEntry>,
  scope: string,
  signal: Signal,
  now: number,
): OutboxEntry | null {
  const field = outboxField(scope, signal)
  const registered = callbacks.get(field)
  if (!registered || registered.length === 0 || outbox.has(field)) return null
  return { dueAt: now, callbacks: registered.map((cb) => ({ ...cb })) }
}
