import { EventEmitter } from 'node:events'
import type { EventListener, EventsStore } from '../../store/events-store.js'

/** Events within one process; listeners run on a later tick, as they would across processes. */
export class MemoryEventsStore implements EventsStore {
  readonly #emitter = new EventEmitter().setMaxListeners(0)

  async publish(topic: string, payload: Record<string, unknown>): Promise<void> {
    const event = { topic, payload: structuredClone(payload) }
    queueMicrotask(() => this.#emitter.emit(topic, event))
  }

  async subscribe(topic: string, listener: EventListener): Promise<() => Promise<void>> {
    this.#emitter.on(topic, listener)
    return async () => {
      this.#emitter.off(topic, listener)
    }
  }

  listenerCount(): number {
    return this.#emitter.eventNames().reduce((n, name) => n + this.#emitter.listenerCount(name), 0)
  }
}
