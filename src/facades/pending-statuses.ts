import type { PendingTracker, StatusWriter } from './status-writer.js'

const withPending = new Set<PendingStatuses>()

function flushBeforeExit(): void {
  for (const statuses of withPending) void statuses.flushAll().catch(() => {})
}

/**
 * The status writers of one ledger that hold changes not yet written. While any ledger has
 * some, one `beforeExit` listener writes them when the process runs out of work (the throttle
 * timers are unref'd, so they never keep a process alive on their own).
 */
export class PendingStatuses implements PendingTracker {
  readonly #writers = new Set<StatusWriter>()

  dirty(writer: StatusWriter): void {
    this.#writers.add(writer)
    if (withPending.size === 0) process.on('beforeExit', flushBeforeExit)
    withPending.add(this)
  }

  clean(writer: StatusWriter): void {
    this.#writers.delete(writer)
    if (this.#writers.size > 0 || !withPending.delete(this)) return
    if (withPending.size === 0) process.off('beforeExit', flushBeforeExit)
  }

  /** Writes every pending change; rejects with the first error after trying them all. */
  async flushAll(): Promise<void> {
    const results = await Promise.allSettled([...this.#writers].map((writer) => writer.flush()))
    const failure = results.find((result) => result.status === 'rejected')
    if (failure) throw failure.reason
  }

  /** Stops every throttle timer and forgets the writers (after a final flush, on close). */
  close(): void {
    for (const writer of [...this.#writers]) {
      writer.cancelTimer()
      this.clean(writer)
    }
  }
}
