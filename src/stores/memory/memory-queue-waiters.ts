/** Blocked pops of the memory store, per queue name (a queue may not exist yet). */
export class MemoryQueueWaiters {
  readonly #waiters = new Map<string, Set<() => void>>()

  /** Resolves at once when `waiting`, else when woken, after timeoutMs, or when signal aborts. */
  async wait(queue: string, waiting: boolean, timeoutMs: number, signal: AbortSignal) {
    if (signal.aborted || waiting) return
    await new Promise<void>((resolve) => {
      const waiters = this.#waiters.get(queue) ?? new Set()
      this.#waiters.set(queue, waiters)
      const done = () => {
        clearTimeout(timer)
        signal.removeEventListener('abort', done)
        waiters.delete(done)
        if (waiters.size === 0 && this.#waiters.get(queue) === waiters) this.#waiters.delete(queue)
        resolve()
      }
      const timer = setTimeout(done, timeoutMs)
      signal.addEventListener('abort', done, { once: true })
      waiters.add(done)
    })
  }

  wakeOne(queue: string): void {
    const [wake] = this.#waiters.get(queue) ?? []
    if (wake) wake()
  }

  wakeAll(): void {
    for (const waiters of [...this.#waiters.values()]) for (const wake of [...waiters]) wake()
  }
}
