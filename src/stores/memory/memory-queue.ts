import type { QueueItemRecord } from '../../store/queue-store.js'
import { ExpiryIndex } from './memory-expiry-index.js'

export interface MemoryItem {
  record: QueueItemRecord
  /** When a finished or failed item stops being retained. */
  expireAt: number | null
}

/**
 * One queue in memory: items by id, a FIFO of waiting ids (an array with a moving head,
 * compacted now and then), the running ids, and finished and failed ids by retention end.
 */
export class MemoryQueue {
  readonly createdAt: number
  readonly items = new Map<string, MemoryItem>()
  readonly running = new Set<string>()
  readonly retained: Record<'finished' | 'failed', ExpiryIndex> = {
    finished: new ExpiryIndex(),
    failed: new ExpiryIndex(),
  }
  #seq = 0
  #fifo: string[] = []
  #head = 0
  #waiting = 0

  constructor(now: number) {
    this.createdAt = now
  }

  nextId(): string {
    return String(++this.#seq)
  }

  /** The item unless it never existed, was deleted or its retention ended. */
  live(id: string, now: number): MemoryItem | undefined {
    const item = this.items.get(id)
    if (!item || (item.expireAt !== null && item.expireAt <= now)) return undefined
    return item
  }

  enqueue(id: string): void {
    this.#fifo.push(id)
    this.#waiting++
  }

  /** Takes the oldest waiting id off the FIFO. */
  dequeue(): string | undefined {
    while (this.#head < this.#fifo.length) {
      const id = this.#fifo[this.#head++]!
      if (this.items.get(id)?.record.state !== 'waiting') continue
      this.#waiting--
      this.#compact()
      return id
    }
    return undefined
  }

  /** Marks a waiting item gone from the FIFO (its entry is skipped when met). */
  forgetWaiting(): void {
    this.#waiting--
  }

  get waitingCount(): number {
    return this.#waiting
  }

  /** Waiting ids from the `offset`-th on, oldest first. */
  *waitingIds(offset: number): Generator<string> {
    let seen = 0
    for (let i = this.#head; i < this.#fifo.length; i++) {
      const id = this.#fifo[i]!
      if (this.items.get(id)?.record.state !== 'waiting') continue
      if (seen++ >= offset) yield id
    }
  }

  /** Forgets finished and failed items whose retention ended, whatever retainMs each had. */
  trim(now: number): void {
    for (const state of ['finished', 'failed'] as const) {
      for (const id of this.retained[state].expire(now)) this.items.delete(id)
    }
  }

  /** Ids in `state` from the `offset`-th on: running by lease end, the others by retention end. */
  idsFrom(state: 'running' | 'finished' | 'failed', offset: number): Iterable<string> {
    if (state !== 'running') return this.retained[state].from(offset)
    const byLeaseEnd = [...this.running].map((id) => ({
      id,
      at: this.items.get(id)!.record.leaseUntil ?? 0,
    }))
    byLeaseEnd.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    return byLeaseEnd.slice(offset).map((entry) => entry.id)
  }

  #compact(): void {
    if (this.#head < 1024 || this.#head * 2 < this.#fifo.length) return
    this.#fifo = this.#fifo.slice(this.#head)
    this.#head = 0
  }
}
