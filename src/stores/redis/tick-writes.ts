import type { Redis } from 'ioredis'

/**
 * Gathers every command a connection sends in one tick into one socket write, by corking its
 * stream until the tick ends. This is what ioredis auto-pipelining achieves, without building
 * a pipeline object per command: a lone command (a consumer's pop, a finish) costs no more
 * than sending it straight away, and a burst (a producer's pushes) still leaves in one write.
 * Commands sent before the connection is ready wait in ioredis's own offline queue as before.
 */
export class TickWrites {
  readonly #client: Redis
  #corked = false

  constructor(client: Redis) {
    this.#client = client
  }

  /** Call right before sending a command. */
  gather(): void {
    if (this.#corked) return
    const stream = this.#client.stream
    if (!stream || this.#client.status !== 'ready') return
    stream.cork()
    this.#corked = true
    process.nextTick(() => {
      this.#corked = false
      stream.uncork()
    })
  }
}
