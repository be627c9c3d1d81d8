import { invalidQueueTransition, leaseLost, queueItemNotFound } from '../../domain/queue-errors.js'
import { type QueueState, queueTopic } from '../../domain/queue-item.js'
import type { EventsStore } from '../../store/events-store.js'
import type {
  CreateAndPushResult,
  QueueItemRecord,
  QueueItemsPage,
  QueueRef,
  QueueSettlement,
  QueueStore,
  QueueSummary,
  ReclaimResult,
  SettleResult,
} from '../../store/queue-store.js'
import type { Clock } from './clock.js'
import { type MemoryItem, MemoryQueue } from './memory-queue.js'

/** Tracked queues in process memory. Every method runs synchronously, so each is atomic. */
export class MemoryQueueStore implements QueueStore {
  readonly #queues = new Map<string, MemoryQueue>()
  readonly #clock: Clock
  readonly #events: EventsStore
  /** Blocked pops per queue name (a queue may not exist yet). */
  readonly #waiters = new Map<string, Set<() => void>>()

  constructor(clock: Clock, events: EventsStore) {
    this.#clock = clock
    this.#events = events
  }

  async createAndPush(queue: QueueRef, data: string): Promise<CreateAndPushResult> {
    const now = this.#clock.now()
    const existing = this.#queues.get(queue.name)
    const q = existing ?? new MemoryQueue(now)
    this.#queues.set(queue.name, q)
    const id = q.nextId()
    const record: QueueItemRecord = {
      id,
      state: 'waiting',
      data,
      outcome: null,
      createdAt: now,
      startedAt: null,
      finishedAt: null,
      attempts: 0,
      starts: 0,
      leaseUntil: null,
    }
    q.items.set(id, { record, expireAt: null })
    q.enqueue(id)
    this.#wakeOne(queue.name)
    this.#publish(queue.name, id, null, 'waiting', now)
    return { id, created: !existing, createdAt: q.createdAt }
  }

  async popAndStart(queue: QueueRef): Promise<QueueItemRecord | null> {
    const q = this.#queues.get(queue.name)
    const id = q?.dequeue()
    if (!q || id === undefined) return null
    const now = this.#clock.now()
    const { record } = q.items.get(id)!
    Object.assign(record, {
      state: 'running',
      startedAt: now,
      attempts: record.attempts + 1,
      starts: record.starts + 1,
      leaseUntil: now + queue.leaseMs,
    })
    q.running.add(id)
    if (q.waitingCount > 0) this.#wakeOne(queue.name)
    this.#publish(queue.name, id, 'waiting', 'running', now)
    return { ...record }
  }

  async waitForItem(queue: string, timeoutMs: number, signal: AbortSignal): Promise<void> {
    const q = this.#queues.get(queue)
    if (signal.aborted || (q && q.waitingCount > 0)) return
    await new Promise<void>((resolve) => {
      const waiters = this.#waiters.get(queue) ?? new Set()
      this.#waiters.set(queue, waiters)
      const done = () => {
        clearTimeout(timer)
        signal.removeEventListener('abort', done)
        waiters.delete(done)
        resolve()
      }
      const timer = setTimeout(done, timeoutMs)
      signal.addEventListener('abort', done, { once: true })
      waiters.add(done)
    })
  }

  async settle(
    queue: QueueRef,
    id: string,
    start: number | null,
    settlement: QueueSettlement,
    popNext: boolean,
  ): Promise<SettleResult> {
    const action = settlement.to === 'finished' ? 'finish' : 'fail'
    const { q, item, now } = this.#running(queue.name, id, start, action)
    const outcome = settlement.to === 'finished' ? settlement.result : settlement.errors
    this.#close(q, item, settlement.to, outcome, now + queue.retainMs, now)
    q.trim(now)
    this.#publish(queue.name, id, 'running', settlement.to, now)
    const settled = { ...item.record }
    return { item: settled, next: popNext ? await this.popAndStart(queue) : null }
  }

  async heartbeat(queue: QueueRef, id: string, start: number | null): Promise<number> {
    const { item, now } = this.#running(queue.name, id, start, 'heartbeat')
    item.record.leaseUntil = now + queue.leaseMs
    return item.record.leaseUntil
  }

  async retry(queue: QueueRef, id: string): Promise<QueueItemRecord> {
    const { q, item, now } = this.#find(queue.name, id)
    const from = item.record.state
    if (from !== 'finished' && from !== 'failed') {
      throw invalidQueueTransition(queue.name, id, 'retry', from)
    }
    q.retained[from].delete(id, item.expireAt ?? 0)
    item.expireAt = null
    Object.assign(item.record, {
      state: 'waiting',
      outcome: null,
      startedAt: null,
      finishedAt: null,
      attempts: 0,
      leaseUntil: null,
    })
    q.enqueue(id)
    this.#wakeOne(queue.name)
    this.#publish(queue.name, id, from, 'waiting', now)
    return { ...item.record }
  }

  async deleteItem(queue: string, id: string): Promise<void> {
    const { q, item, now } = this.#find(queue, id)
    const from = item.record.state
    if (from === 'waiting') q.forgetWaiting()
    q.running.delete(id)
    if (from === 'finished' || from === 'failed') q.retained[from].delete(id, item.expireAt ?? 0)
    q.items.delete(id)
    this.#publish(queue, id, from, null, now)
  }

  async reclaimExpired(queue: QueueRef): Promise<ReclaimResult> {
    const q = this.#queues.get(queue.name)
    const result = { requeued: 0, failed: 0 }
    if (!q) return result
    const now = this.#clock.now()
    for (const id of [...q.running]) {
      const item = q.items.get(id)!
      if ((item.record.leaseUntil ?? 0) >= now) continue
      if (item.record.attempts >= queue.maxAttempts) {
        const errors = JSON.stringify([expiredMessage(queue, item.record.attempts)])
        this.#close(q, item, 'failed', errors, now + queue.retainMs, now)
        result.failed++
      } else {
        q.running.delete(id)
        Object.assign(item.record, { state: 'waiting', leaseUntil: null })
        q.enqueue(id)
        this.#wakeOne(queue.name)
        result.requeued++
      }
      this.#publish(queue.name, id, 'running', item.record.state, now)
    }
    q.trim(now)
    return result
  }

  async getItem(queue: string, id: string): Promise<QueueItemRecord | null> {
    const item = this.#queues.get(queue)?.live(id, this.#clock.now())
    return item ? { ...item.record } : null
  }

  async summary(queue: string): Promise<QueueSummary | null> {
    const q = this.#queues.get(queue)
    if (!q) return null
    q.trim(this.#clock.now())
    const { waitingCount: waiting, running, retained } = q
    return {
      createdAt: q.createdAt,
      counts: {
        waiting,
        running: running.size,
        finished: retained.finished.size,
        failed: retained.failed.size,
      },
    }
  }

  async listItems(
    queue: string,
    state: QueueState,
    offset: number,
    limit: number,
  ): Promise<QueueItemsPage> {
    const q = this.#queues.get(queue)
    if (!q) return { items: [], cursor: null }
    const now = this.#clock.now()
    q.trim(now)
    const ids = state === 'waiting' ? q.waitingIds(offset) : q.idsFrom(state, offset)
    const items: QueueItemRecord[] = []
    for (const id of ids) {
      if (items.length === limit) return { items, cursor: offset + limit }
      const item = q.live(id, now)
      if (item) items.push({ ...item.record })
    }
    return { items, cursor: null }
  }

  async close(): Promise<void> {
    this.#wakeAll()
  }

  /** Empties every queue (purge); returns how many items went. */
  clear(): number {
    let items = 0
    for (const q of this.#queues.values()) items += q.items.size
    this.#queues.clear()
    this.#wakeAll()
    return items
  }

  #find(queue: string, id: string): { q: MemoryQueue; item: MemoryItem; now: number } {
    const now = this.#clock.now()
    const q = this.#queues.get(queue)
    const item = q?.live(id, now)
    if (!q || !item) throw queueItemNotFound(queue, id)
    return { q, item, now }
  }

  #running(queue: string, id: string, start: number | null, action: string) {
    const found = this.#find(queue, id)
    const { record } = found.item
    if (record.state !== 'running') throw invalidQueueTransition(queue, id, action, record.state)
    if (start !== null && start !== record.starts) {
      throw leaseLost(queue, id, start, record.starts)
    }
    return found
  }

  #close(
    q: MemoryQueue,
    item: MemoryItem,
    to: 'finished' | 'failed',
    outcome: string,
    expireAt: number,
    now: number,
  ): void {
    q.running.delete(item.record.id)
    q.retained[to].add(item.record.id, expireAt)
    item.expireAt = expireAt
    Object.assign(item.record, { state: to, outcome, finishedAt: now, leaseUntil: null })
  }

  #wakeOne(queue: string): void {
    const waiters = this.#waiters.get(queue)
    const [wake] = waiters ?? []
    if (wake) wake()
  }

  #wakeAll(): void {
    for (const waiters of this.#waiters.values()) for (const wake of [...waiters]) wake()
  }

  #publish(queue: string, id: string, from: QueueState | null, to: QueueState | null, at: number) {
    void this.#events.publish(queueTopic(queue), { queue, id, from, to, at })
  }
}

function expiredMessage(queue: QueueRef, attempts: number): string {
  return `Lease of ${queue.leaseMs} ms expired without a heartbeat on attempt ${attempts} of ${queue.maxAttempts}; failed by the sweeper.`
}
