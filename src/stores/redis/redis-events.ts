import type { EventListener, EventsStore } from '../../store/events-store.js'
import type { RedisDriver } from './driver.js'
import type { RedisKeys } from './keys.js'

/** Events over Redis pub/sub: every subscribed process receives each published event. */
export class RedisEventsStore implements EventsStore {
  readonly #driver: RedisDriver
  readonly #keys: RedisKeys

  constructor(driver: RedisDriver, keys: RedisKeys) {
    this.#driver = driver
    this.#keys = keys
  }

  async publish(topic: string, payload: Record<string, unknown>): Promise<void> {
    await this.#driver.publish(this.#keys.channel(topic), JSON.stringify(payload))
  }

  async subscribe(topic: string, listener: EventListener): Promise<() => Promise<void>> {
    return this.#driver.subscribe(this.#keys.channel(topic), (message) => {
      listener({ topic, payload: JSON.parse(message) as Record<string, unknown> })
    })
  }
}
