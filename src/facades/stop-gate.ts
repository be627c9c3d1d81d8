/** How often a tracker asks whether its job was stopped: every this many records… */
export const STOP_CHECK_RECORDS = 100
/** …or after this many ms, whichever comes first. */
export const STOP_CHECK_MS = 1_000

/**
 * Decides whether a new record may be taken. Re-reads the job's stop flag after every
 * 100 records or 1 s; concurrent takers share one read.
 */
export class StopGate {
  readonly #isStopped: () => Promise<boolean>
  readonly #now: () => number
  #stopped = false
  #taken = 0
  #checkedAt: number
  #pending: Promise<boolean> | null = null

  constructor(isStopped: () => Promise<boolean>, initiallyStopped: boolean, now = Date.now) {
    this.#isStopped = isStopped
    this.#now = now
    this.#stopped = initiallyStopped
    this.#checkedAt = now()
  }

  get stopped(): boolean {
    return this.#stopped
  }

  async mayTake(): Promise<boolean> {
    if (this.#stopped) return false
    if (this.#taken >= STOP_CHECK_RECORDS || this.#now() - this.#checkedAt >= STOP_CHECK_MS) {
      this.#pending ??= this.#check()
      await this.#pending
      if (this.#stopped) return false
    }
    this.#taken++
    return true
  }

  async #check(): Promise<boolean> {
    try {
      this.#stopped = await this.#isStopped()
      this.#taken = 0
      this.#checkedAt = this.#now()
      return this.#stopped
    } finally {
      this.#pending = null
    }
  }
}
