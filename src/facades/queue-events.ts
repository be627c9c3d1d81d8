import { type QueueStateChange, queueTopic } from '../domain/queue-item.js'
import { InvalidArgumentError } from '../errors/jobledger-error.js'
import type { Store } from '../store/store.js'
import { toStateChange } from './queue-item.js'

/**
 * Subscribes `listener` to a queue's state changes; resolves once the store has acknowledged
 * the subscription, to a function that stops it. Closing the ledger stops it too.
 */
export async function listenToQueue(
  store: Store,
  queue: string,
  closing: AbortSignal,
  event: 'stateChanged',
  listener: (change: QueueStateChange) => void,
): Promise<() => Promise<void>> {
  if (event !== 'stateChanged') {
    throw new InvalidArgumentError(`Queues emit 'stateChanged' only, got ${String(event)}.`)
  }
  if (typeof listener !== 'function') throw new InvalidArgumentError('listener must be a function.')
  const unsubscribe = await store.events.subscribe(queueTopic(queue), ({ payload }) =>
    listener(toStateChange(payload)),
  )
  const stop = () => void unsubscribe()
  closing.addEventListener('abort', stop, { once: true })
  return async () => {
    closing.removeEventListener('abort', stop)
    await unsubscribe()
  }
}
