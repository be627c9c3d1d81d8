import type { CallbackSpec } from '../domain/outbox.js'
import type { Signal } from '../domain/signals.js'
import type { CallbackUnitKind } from '../store/callback-index-store.js'

/**
 * What `dispatch` receives for a durable callback whose signal fired: plain JSON, to put on
 * any queue as-is. `idempotencyKey` is the same for every delivery of one callback (recovery
 * may deliver it again after a crash): give it to your queue as the job id to deduplicate.
 *
 * @example
 * dispatch: async (payload) => {
 *   if (payload.type === 'callback') return queue.add(payload.name, payload, { jobId: payload.idempotencyKey.replaceAll(':', '_') })
 *   return queue.add(payload.name, payload)
 * }
 */
export interface CallbackPayload {
  type: 'callback'
  /** The callback's name, as registered. */
  name: string
  /** The callback's arguments, as registered. */
  args: unknown[]
  /** The unit that holds the callback: a job (also for its batches) or a group (also for its stages). */
  kind: CallbackUnitKind
  /** The job's token or the group's id. */
  id: string
  /** '' for the unit itself, `batch:<index>` for a job's batch, `stage:<n>` for a group's stage. */
  scope: string
  signal: Signal
  /** When the signal fired (ms since the epoch). */
  firedAt: number
  /** `<kind>:<id>:<scope>|<signal>:<name>`: one per callback, whatever the number of deliveries. */
  idempotencyKey: string
}

/** What a callback's key is: unique per unit, scope, signal and name. */
export function callbackKey(
  kind: CallbackUnitKind,
  id: string,
  scope: string,
  signal: Signal,
  name: string,
): string {
  return `${kind}:${id}:${scope}|${signal}:${name}`
}

export interface FiredCallback {
  kind: CallbackUnitKind
  id: string
  scope: string
  signal: Signal
  firedAt: number
}

export function toCallbackPayload(fired: FiredCallback, spec: CallbackSpec): CallbackPayload {
  const { kind, id, scope, signal, firedAt } = fired
  return {
    type: 'callback',
    name: spec.name,
    args: structuredClone(spec.args),
    kind,
    id,
    scope,
    signal,
    firedAt,
    idempotencyKey: callbackKey(kind, id, scope, signal, spec.name),
  }
}

/** True for what dispatch receives for a callback (false for a staged job's payload). */
export function isCallbackPayload(payload: unknown): payload is CallbackPayload {
  return (
    typeof payload === 'object' &&
    payload !== null &&
    (payload as { type?: unknown }).type === 'callback'
  )
}
