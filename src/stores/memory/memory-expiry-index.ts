interface Entry {
  id: string
  at: number
}

/**
 * Ids ordered by when they stop being retained (ties by id, as a Redis sorted set orders
 * them), so trimming takes expired ids off the front whatever retainMs each was settled with.
 * Settles with one retainMs append at the end; the front moves with a head index.
 */
export class ExpiryIndex {
  #entries: Entry[] = []
  #head = 0

  get size(): number {
    return this.#entries.length - this.#head
  }

  add(id: string, at: number): void {
    const entry = { id, at }
    const last = this.#entries[this.#entries.length - 1]
    if (this.size === 0 || !last || !before(entry, last)) this.#entries.push(entry)
    else this.#entries.splice(this.#firstAfter(entry), 0, entry)
  }

  delete(id: string, at: number): void {
    for (let i = this.#firstAfter({ id: '', at }); i < this.#entries.length; i++) {
      const entry = this.#entries[i]!
      if (entry.at !== at) return
      if (entry.id === id) {
        this.#entries.splice(i, 1)
        return
      }
    }
  }

  /** Removes and returns the ids whose retention ended at or before `now`. */
  *expire(now: number): Generator<string> {
    while (this.#head < this.#entries.length && this.#entries[this.#head]!.at <= now) {
      yield this.#entries[this.#head++]!.id
    }
    if (this.#head > 1024 && this.#head * 2 > this.#entries.length) {
      this.#entries = this.#entries.slice(this.#head)
      this.#head = 0
    }
  }

  /** Ids from the `offset`-th on, soonest to expire first. */
  *from(offset: number): Generator<string> {
    for (let i = this.#head + offset; i < this.#entries.length; i++) yield this.#entries[i]!.id
  }

  clear(): void {
    this.#entries = []
    this.#head = 0
  }

  /** Index of the first entry ordered after `entry`, from the head. */
  #firstAfter(entry: Entry): number {
    let low = this.#head
    let high = this.#entries.length
    while (low < high) {
      const mid = (low + high) >>> 1
      if (before(entry, this.#entries[mid]!)) high = mid
      else low = mid + 1
    }
    return low
  }
}

function before(a: Entry, b: Entry): boolean {
  return a.at < b.at || (a.at === b.at && a.id < b.id)
}
