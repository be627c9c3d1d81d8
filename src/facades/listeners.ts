import { describe } from '../domain/ids.js'
import { optionsOf } from '../domain/options.js'
import { isSignal, type Signal } from '../domain/signals.js'
import { InvalidArgumentError } from '../errors/jobledger-error.js'
import { log } from '../logger.js'
import type { LedgerCore } from './ledger-core.js'
import {
  SIGNAL_KINDS,
  type SignalEvent,
  type SignalKind,
  signalTopic,
  toSignalEvent,
} from './signal-notices.js'

/** `'<kind>.<signal>'`: `job.settled`, `batch.failed`, `stage.succeeded`, `group.stopped`, … */
export type SignalEventName = `${SignalKind}.${Signal}`

export type SignalListener = (event: SignalEvent) => unknown

export interface ListenerOptions {
  /** Gets what the listener throws (or rejects with); it is logged too. Nothing is undone. */
  onError?: (error: unknown, event: SignalEvent) => unknown
}

function parseEventName(name: unknown): { kind: SignalKind; signal: Signal } {
  const [kind, signal, ...rest] = typeof name === 'string' ? name.split('.') : []
  if (rest.length === 0 && SIGNAL_KINDS.includes(kind as SignalKind) && isSignal(signal))
    return { kind: kind as SignalKind, signal }
  throw new InvalidArgumentError(
    `An event is '<kind>.<signal>' with kind job, batch, stage or group and signal succeeded, settled, failed or stopped (e.g. 'job.settled'), got ${describe(name)}.`,
  )
}

/**
 * Subscribes `listener` to one kind's signal, fired by any process sharing the store.
 * Resolves once the subscription is active, to a function that ends it (close() ends it too).
 */
export async function listenToSignals(
  core: Pick<LedgerCore, 'store' | 'closing' | 'logger'>,
  name: SignalEventName,
  listener: SignalListener,
  options: ListenerOptions = {},
): Promise<() => Promise<void>> {
  const { store, closing, logger } = core
  const { kind, signal } = parseEventName(name)
  if (typeof listener !== 'function') throw new InvalidArgumentError('listener must be a function.')
  const { onError } = optionsOf(options, 'listener options')
  if (onError !== undefined && typeof onError !== 'function')
    throw new InvalidArgumentError('onError must be a function (error, event) => …')
  const failed = (error: unknown, event: SignalEvent) => {
    log(logger, 'warn', { event: name, id: event.id, error: String(error) }, 'a listener threw')
    try {
      void Promise.resolve(onError?.(error, event)).catch(() => {})
    } catch {
      // An error handler that fails has nobody left to tell.
    }
  }
  const unsubscribe = await store.events.subscribe(signalTopic(kind, signal), ({ payload }) => {
    const event = toSignalEvent(payload)
    if (!event) return
    try {
      void Promise.resolve(listener(event)).catch((error: unknown) => failed(error, event))
    } catch (error) {
      failed(error, event)
    }
  })
  const stop = () => void unsubscribe()
  closing.addEventListener('abort', stop, { once: true })
  return async () => {
    closing.removeEventListener('abort', stop)
    await unsubscribe()
  }
}
