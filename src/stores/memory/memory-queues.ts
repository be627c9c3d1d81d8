import type { QueuePolicy } from '../../domain/policy.js'
import { type QueueState, queueTopic } from '../../domain/queue-item.js'
import { type QueueItemUnit, type QueueSummary, toItemRecord } from '../../domain/queue-records.js'
import {
  configureQueue,
  heartbeatItem,
  isRefusal,
  newQueue,
  pushItem,
  type QueueSettlement,
  type Refusal,
  reclaimItem,
  retryItem,
  settleItem,
  startItem,
} from '../../domain/queue-writes.js'
import { type RefusalContext, refusalCode, refusalError } from '../../domain/refusals.js'
import type { EventsStore } from '../../store/events-store.js'
import type {
  ConfigureResult,
  CreateAndPushResult,
  QueueItemRecord,
  QueueItemsPage,
  QueueRef,
  QueueStore,
  ReclaimResult,
  SettleResult,
} from '../../store/queue-store.js'
import type { Clock } from './clock.js'
import { MemoryQueue } from './memory-queue.js'
import { MemoryQueueWaiters } from './memory-queue-waiters.js'

/**
 * Tracked queues in process memory: the rules of domain/queue-writes.ts over MemoryQueue's
 * Maps. Every method runs synchronously, so each is atomic.
 */
export class MemoryQueueStore implements QueueStore {
  readonly #queues = new Map<string, MemoryQueue>()
  readonly #clock: Clock
  readonly #events: EventsStore
  readonly #waiters = new MemoryQueueWaiters()

  constructor(clock: Clock, events: EventsStore) {
    this.#clock = clock
    this.#events = events
  }

  async createAndPush(queue: QueueRef, data: string, op: string): Promise<CreateAndPushResult> {
    const now = this.#clock.now()
    const { q, created } = this.#open(queue, op, now)
    const pushed = q.live(q.pushOps.get(op) ?? '', now)
    if (pushed)
      return { id: pushed.id, created: q.unit.createOp === op, createdAt: q.unit.createdAt }
    const item = pushItem(q.unit, data, op, now)
    q.items.set(item.id, item)
    q.pushOps.set(op, item.id)
    q.enqueue(item.id)
    this.#waiters.wakeOne(queue.name)
    this.#publish(queue.name, item.id, null, 'waiting', now)
    return { id: item.id, created, createdAt: q.unit.createdAt }
  }

  async popAndStart(queue: string, op: string): Promise<QueueItemRecord | null> {
    const q = this.#queues.get(queue)
    if (!q) return null
    const now = this.#clock.now()
    const popped = q.live(q.popOps.get(op) ?? '', now)
    if (popped?.state === 'running' && popped.popOp === op) return this.#read(popped)
    const id = q.dequeue()
    if (id === undefined) return null
    const item = q.items.get(id)!
    startItem(item, q.unit.policy, op, now)
    q.popOps.set(op, id)
    q.running.add(id)
    if (q.waitingCount > 0) this.#waiters.wakeOne(queue)
    this.#publish(queue, id, 'waiting', 'running', now)
    return this.#read(item)
  }

  waitForItem(queue: string, timeoutMs: number, signal: AbortSignal): Promise<void> {
    const waiting = (this.#queues.get(queue)?.waitingCount ?? 0) > 0
    return this.#waiters.wait(queue, waiting, timeoutMs, signal)
  }

  async settle(
    queue: string,
    id: string,
    start: number | null,
    settlement: QueueSettlement,
    op: string,
    popNext: boolean,
  ): Promise<SettleResult> {
    const action = settlement.to === 'finished' ? 'finish' : 'fail'
    const { q, item, now } = this.#find(queue, id, action, start)
    const popOp = item.popOp
    const done = settleItem(item, settlement, start, { op, policy: q.unit.policy, now })
    if (isRefusal(done)) throw this.#refused(done, queue, id, action, start)
    if (done === 'settled') {
      if (popOp !== null) q.popOps.delete(popOp)
      q.running.delete(id)
      q.retained[settlement.to].add(id, item.retainUntil!)
      q.trim(now)
      this.#publish(queue, id, 'running', settlement.to, now)
    }
    const settled = this.#read(item)
    return { item: settled, next: popNext ? await this.popAndStart(queue, `${op}.next`) : null }
  }

  async heartbeat(queue: string, id: string, start: number | null, _op: string): Promise<number> {
    const { q, item, now } = this.#find(queue, id, 'heartbeat', start)
    const lease = heartbeatItem(item, start, q.unit.policy, now)
    if (isRefusal(lease)) throw this.#refused(lease, queue, id, 'heartbeat', start)
    return lease
  }

  async retry(queue: string, id: string, op: string): Promise<QueueItemRecord> {
    const { q, item, now } = this.#find(queue, id, 'retry', null)
    const from = item.state
    const retainedUntil = item.retainUntil ?? 0
    const done = retryItem(item, op)
    if (isRefusal(done)) throw this.#refused(done, queue, id, 'retry', null)
    if (done === 'retried' && (from === 'finished' || from === 'failed')) {
      q.retained[from].delete(id, retainedUntil)
      q.enqueue(id)
      this.#waiters.wakeOne(queue)
      this.#publish(queue, id, from, 'waiting', now)
    }
    return this.#read(item)
  }

  async deleteItem(queue: string, id: string, _op: string): Promise<void> {
    const { q, item, now } = this.#find(queue, id, 'delete', null)
    const from = item.state
    if (from === 'waiting') q.forgetWaiting()
    q.running.delete(id)
    if (from === 'finished' || from === 'failed') q.retained[from].delete(id, item.retainUntil ?? 0)
    q.forget(item)
    this.#publish(queue, id, from, null, now)
  }

  async reclaimExpired(queue: string, _op: string): Promise<ReclaimResult> {
    const q = this.#queues.get(queue)
    const result = { requeued: 0, failed: 0 }
    if (!q) return result
    const now = this.#clock.now()
    for (const id of [...q.running]) {
      const item = q.items.get(id)!
      const popOp = item.popOp
      const to = reclaimItem(item, q.unit.policy, now)
      if (to === null) continue
      if (popOp !== null) q.popOps.delete(popOp)
      q.running.delete(id)
      if (to === 'failed') {
        q.retained.failed.add(id, item.retainUntil!)
        result.failed++
      } else {
        q.enqueue(id)
        this.#waiters.wakeOne(queue)
        result.requeued++
      }
      this.#publish(queue, id, 'running', to, now)
    }
    q.trim(now)
    return result
  }

  async configure(
    queue: QueueRef,
    changes: Partial<QueuePolicy>,
    op: string,
  ): Promise<ConfigureResult> {
    const { q, created } = this.#open(queue, op, this.#clock.now())
    configureQueue(q.unit, changes)
    return { created, createdAt: q.unit.createdAt, policy: { ...q.unit.policy } }
  }

  async getItem(queue: string, id: string): Promise<QueueItemRecord | null> {
    const item = this.#queues.get(queue)?.live(id, this.#clock.now())
    return item ? this.#read(item) : null
  }

  async summary(queue: string): Promise<QueueSummary | null> {
    const q = this.#queues.get(queue)
    if (!q) return null
    q.trim(this.#clock.now())
    const { waitingCount: waiting, running, retained } = q
    return {
      createdAt: q.unit.createdAt,
      counts: {
        waiting,
        running: running.size,
        finished: retained.finished.size,
        failed: retained.failed.size,
      },
      policy: { ...q.unit.policy },
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
      if (item) items.push(this.#read(item))
    }
    return { items, cursor: null }
  }

  async close(): Promise<void> {
    this.#waiters.wakeAll()
  }

  /** Empties every queue (purge); returns how many items went. */
  clear(): number {
    let items = 0
    for (const q of this.#queues.values()) items += q.items.size
    this.#queues.clear()
    this.#waiters.wakeAll()
    return items
  }

  #open(queue: QueueRef, op: string, now: number): { q: MemoryQueue; created: boolean } {
    const existing = this.#queues.get(queue.name)
    if (existing) return { q: existing, created: existing.unit.createOp === op }
    const q = new MemoryQueue(newQueue(queue.name, queue.creation, op, now))
    this.#queues.set(queue.name, q)
    return { q, created: true }
  }

  #find(queue: string, id: string, action: string, start: number | null) {
    const now = this.#clock.now()
    const q = this.#queues.get(queue)
    const item = q?.live(id, now)
    if (!q || !item) {
      const notFound = { refused: refusalCode('ITEM_NOT_FOUND'), data: [] }
      throw this.#refused(notFound, queue, id, action, start)
    }
    return { q, item, now }
  }

  #refused(refusal: Refusal, queue: string, id: string, action: string, start: number | null) {
    const context: RefusalContext = { id: queue, itemId: id, action, data: refusal.data }
    if (start !== null) context.start = start
    return refusalError(refusal.refused, context)!
  }

  #read(item: QueueItemUnit): QueueItemRecord {
    return toItemRecord(item)
  }

  #publish(queue: string, id: string, from: QueueState | null, to: QueueState | null, at: number) {
    void this.#events.publish(queueTopic(queue), { queue, id, from, to, at })
  }
}
