import type { QueueItemUnit, QueueUnit } from '../../domain/queue-records.js'
import { isRetained } from '../../domain/queue-writes.js'
import { ExpiryIndex } from './memory-expiry-index.js'

/**
 * One queue in memory: its unit, items by id, a FIFO of waiting ids (an array with a moving
 * head, compacted now and then), the running ids, finished and failed ids by retention end,
 * and the op indexes: op → item for the pushes of live items and the pops of running ones.
 */
export class MemoryQueue {
  readonly unit: QueueUnit
  readonly items = new Map<string, QueueItemUnit>()
  readonly pushOps = new Map<string, string>()
  readonly popOps = new Map<string, string>()
  readonly running = new Set<string>()
  readonly retained: Record<'finished' | 'failed', ExpiryIndex> = {
    finished: new ExpiryIndex(),
    failed: new ExpiryIndex(),
  }
  #fifo: string[] = []
  #head = 0
  #waiting = 0

  constructor(unit: QueueUnit) {
    this.unit = unit
  }

  /** The item unless it never existed, was deleted or its retention ended. */
  live(id: string, now: number): QueueItemUnit | undefined {
    const item = this.items.get(id)
    return item && isRetained(item, now) ? item : undefined
  }

  /** Forgets an item and its op entries. */
  forget(item: QueueItemUnit): void {
    this.items.delete(item.id)
    this.pushOps.delete(item.createOp)
    if (item.popOp !== null) this.popOps.delete(item.popOp)
  }

  enqueue(id: string): void {
    this.#fifo.push(id)
    this.#waiting++
  }

  /** Takes the oldest waiting id off the FIFO. */
  dequeue(): string | undefined {
    while (this.#head < this.#fifo.length) {
      const id = this.#fifo[this.#head++]!
      if (this.items.get(id)?.state !== 'waiting') continue
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
      if (this.items.get(id)?.state !== 'waiting') continue
      if (seen++ >= offset) yield id
    }
  }

  /** Forgets finished and failed items whose retention ended, whatever retainMs each had. */
  trim(now: number): void {
    for (const state of ['finished', 'failed'] as const) {
      for (const id of this.retained[state].expire(now)) {
        const item = this.items.get(id)
        if (item) this.forget(item)
      }
    }
  }

  /** Ids in `state` from the `offset`-th on: running by lease end, the others by retention end. */
  idsFrom(state: 'running' | 'finished' | 'failed', offset: number): Iterable<string> {
    if (state !== 'running') return this.retained[state].from(offset)
    const byLeaseEnd = [...this.running].map((id) => ({
      id,
      at: this.items.get(id)!.leaseUntil ?? 0,
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
