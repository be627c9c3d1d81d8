import type { RedisDriver } from './driver.js'

/**
 * Blocking waits for items, each on a connection of its own so that a blocked pop never
 * holds up the ledger's other calls. Connections are pooled between waits.
 *
 * Design: a pop is always the non-blocking pop-and-start script; only when it finds nothing
 * does the consumer block, with BLPOP on the queue's signal list. Writers that make an item
 * waiting (create-and-push, retry, reclaim-expired) leave one wake-up there, and a pop that
 * leaves items behind leaves another, so waiters wake in a chain and a wake-up left while
 * nobody waited is never lost (the list keeps it). The script stays the only place items
 * move, so there is no window where an item is neither waiting nor running, and no
 * processing list for the sweeper to understand. Aborting drops the blocked connection.
 * A wait is bounded by its block time plus the command timeout (the driver's deadline).
 */
export class RedisQueueWaiter {
  readonly #driver: RedisDriver
  readonly #idle: RedisDriver[] = []
  readonly #busy = new Set<RedisDriver>()
  #closed = false

  constructor(driver: RedisDriver) {
    this.#driver = driver
  }

  async wait(signalKey: string, timeoutMs: number, signal: AbortSignal): Promise<void> {
    if (this.#closed || signal.aborted) return
    const connection = this.#idle.pop() ?? this.#driver.duplicate()
    this.#busy.add(connection)
    const abort = () => connection.disconnect()
    signal.addEventListener('abort', abort, { once: true })
    let healthy = false
    try {
      const blockMs = Math.max(timeoutMs, 10)
      await connection.command('BLPOP', [signalKey, (blockMs / 1000).toFixed(3)], { blockMs })
      healthy = true
    } catch (error) {
      if (!signal.aborted && !this.#closed) throw error
    } finally {
      signal.removeEventListener('abort', abort)
      this.#busy.delete(connection)
      // A connection whose wait failed (no reply in time, reset) is not trusted again.
      if (healthy && !signal.aborted && !this.#closed) this.#idle.push(connection)
      else connection.disconnect()
    }
  }

  /** Wakes every blocked wait and closes every connection. */
  async close(): Promise<void> {
    this.#closed = true
    for (const connection of this.#busy) connection.disconnect()
    await Promise.all(this.#idle.splice(0).map((connection) => connection.close()))
  }
}
