/**
 * Confirmations of staged jobs handed to the queue, sent lazily: a confirmation rides along
 * with this ledger's next write to the same group (an enqueue takes them), or goes on its own
 * after `delayMs`. Until it lands the job stays undispatched in the store, where cleanupOrphans
 * would dispatch it again: delaying a confirmation can only make a crash deliver a job twice
 * (run() refuses a settled job), never lose one.
 */
export class DispatchConfirmations {
  readonly #pending = new Map<string, Set<string>>()
  readonly #send: (groupId: string, jobIds: string[]) => Promise<void>
  readonly #onError: (error: unknown, groupId: string) => Promise<void>
  readonly #delayMs: number
  #timer: ReturnType<typeof setTimeout> | null = null
  #sending: Promise<void> = Promise.resolve()

  constructor(
    send: (groupId: string, jobIds: string[]) => Promise<void>,
    onError: (error: unknown, groupId: string) => Promise<void>,
    delayMs = 10,
  ) {
    this.#send = send
    this.#onError = onError
    this.#delayMs = delayMs
  }

  add(groupId: string, jobIds: readonly string[]): void {
    if (jobIds.length === 0) return
    const set = this.#pending.get(groupId) ?? new Set<string>()
    for (const id of jobIds) set.add(id)
    this.#pending.set(groupId, set)
    if (this.#timer === null) {
      this.#timer = setTimeout(() => void this.flush(), this.#delayMs)
      this.#timer.unref?.()
    }
  }

  /** Takes the group's pending confirmations for a write that carries them. */
  take(groupId: string): string[] {
    const set = this.#pending.get(groupId)
    this.#pending.delete(groupId)
    return set ? [...set] : []
  }

  /** Puts back confirmations a write took but could not carry (it failed). */
  giveBack(groupId: string, jobIds: readonly string[]): void {
    this.add(groupId, jobIds)
  }

  /** Sends every pending confirmation now; resolves once all sent (failures reported). */
  async flush(): Promise<void> {
    if (this.#timer !== null) clearTimeout(this.#timer)
    this.#timer = null
    const groups = [...this.#pending.keys()]
    const sends = groups.map((groupId) => {
      const ids = this.take(groupId)
      return this.#send(groupId, ids).catch((error: unknown) => this.#onError(error, groupId))
    })
    this.#sending = Promise.all([this.#sending, ...sends]).then(() => {})
    await this.#sending
  }
}
