import type { Clock } from './clock.js'

interface Entry<V> {
  value: V
  expiresAt: number
}

/** A Map whose entries vanish once their deadline passes, read against an injectable clock. */
export class ExpiringMap<V> {
  readonly #entries = new Map<string, Entry<V>>()
  readonly #clock: Clock

  constructor(clock: Clock) {
    this.#clock = clock
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key)
    if (!entry) return undefined
    if (entry.expiresAt <= this.#clock.now()) {
      this.#entries.delete(key)
      return undefined
    }
    return entry.value
  }

  /** Stores the value and (re)sets its deadline to now + ttlMs. */
  set(key: string, value: V, ttlMs: number): void {
    this.#entries.set(key, { value, expiresAt: this.#clock.now() + ttlMs })
  }

  /** Stores the value until the store's clock reaches `expiresAt` (ms since the epoch). */
  setUntil(key: string, value: V, expiresAt: number): void {
    this.#entries.set(key, { value, expiresAt })
  }

  /** The entry's deadline, or null when it is absent or expired. */
  expiresAt(key: string): number | null {
    return this.get(key) === undefined ? null : this.#entries.get(key)!.expiresAt
  }

  touch(key: string, ttlMs: number): void {
    const entry = this.#entries.get(key)
    if (entry) entry.expiresAt = this.#clock.now() + ttlMs
  }

  ttlMs(key: string): number | null {
    return this.get(key) === undefined
      ? null
      : this.#entries.get(key)!.expiresAt - this.#clock.now()
  }

  delete(key: string): boolean {
    return this.#entries.delete(key)
  }

  *keys(): IterableIterator<string> {
    for (const key of [...this.#entries.keys()]) if (this.get(key) !== undefined) yield key
  }

  /** Removes every entry; returns how many there were. */
  clear(): number {
    const size = this.#entries.size
    this.#entries.clear()
    return size
  }
}
