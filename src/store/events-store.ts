/** A cross-process event: every process subscribed to the topic receives it once. */
export interface LedgerEvent {
  topic: string
  payload: Record<string, unknown>
}

export type EventListener = (event: LedgerEvent) => void

/** Pub/sub between every process sharing a store (Redis pub/sub, an emitter in memory). */
export interface EventsStore {
  publish(topic: string, payload: Record<string, unknown>): Promise<void>
  /** Resolves once the subscription is active; the returned function removes it. */
  subscribe(topic: string, listener: EventListener): Promise<() => Promise<void>>
}
