import type { QueuePolicy } from '../domain/policy.js'
import type { QueueState } from '../domain/queue-item.js'
import type { QueueItemRecord, QueueSummary } from '../domain/queue-records.js'
import type { QueueSettlement } from '../domain/queue-writes.js'

export type { QueueItemRecord, QueueSummary } from '../domain/queue-records.js'
export type { QueueSettlement } from '../domain/queue-writes.js'

/** A queue addressed by a write that may create it, with the policy it then gets. */
export interface QueueRef {
  readonly name: string
  readonly creation: QueuePolicy
}

export interface SettleResult {
  item: QueueItemRecord
  /** The next item, popped and started in the same step when asked for and one was waiting. */
  next: QueueItemRecord | null
}

export interface CreateAndPushResult {
  id: string
  /** True when this push created the queue (so it is registered once). */
  created: boolean
  createdAt: number
}

export interface ReclaimResult {
  /** Expired items put back to waiting. */
  requeued: number
  /** Expired items that had used maxAttempts, now failed. */
  failed: number
}

export interface ConfigureResult {
  created: boolean
  createdAt: number
  policy: QueuePolicy
}

export interface QueueItemsPage {
  items: QueueItemRecord[]
  /** Offset of the next page; null on the last one. */
  cursor: number | null
}

/**
 * Tracked-queue operations (domain/queue-writes.ts is the rule). Each write is atomic (one
 * script in Redis), judges time by the store's clock, reads the queue's own policy, carries an
 * operation id, and publishes a `stateChanged` event on `queueTopic(name)` in the same step.
 * Refused writes throw the errors of domain/refusals.ts and change nothing. `start` (a record's
 * `starts`, when not null) makes finish, fail and heartbeat apply only to that start.
 * Repeated ops: a push answers the same item; a pop the same item and start while it runs; a
 * settle or retry the item as it is.
 */
export interface QueueStore {
  createAndPush(queue: QueueRef, data: string, op: string): Promise<CreateAndPushResult>
  /** Moves the oldest waiting item to running in one step, or returns null at once. */
  popAndStart(queue: string, op: string): Promise<QueueItemRecord | null>
  /** Resolves when an item may be waiting, after timeoutMs, or when signal aborts. */
  waitForItem(queue: string, timeoutMs: number, signal: AbortSignal): Promise<void>
  /** Finishes or fails a running item; with popNext, also pops and starts the next one. */
  settle(
    queue: string,
    id: string,
    start: number | null,
    settlement: QueueSettlement,
    op: string,
    popNext: boolean,
  ): Promise<SettleResult>
  /** Extends a running item's lease by the queue's leaseMs; returns the new lease end. */
  heartbeat(queue: string, id: string, start: number | null, op: string): Promise<number>
  retry(queue: string, id: string, op: string): Promise<QueueItemRecord>
  deleteItem(queue: string, id: string, op: string): Promise<void>
  reclaimExpired(queue: string, op: string): Promise<ReclaimResult>
  /** Changes the queue's policy (creating the queue with `queue.creation` when absent). */
  configure(queue: QueueRef, changes: Partial<QueuePolicy>, op: string): Promise<ConfigureResult>
  getItem(queue: string, id: string): Promise<QueueItemRecord | null>
  /** Counts and policy in one consistent read; null when the queue was never written. */
  summary(queue: string): Promise<QueueSummary | null>
  listItems(
    queue: string,
    state: QueueState,
    offset: number,
    limit: number,
  ): Promise<QueueItemsPage>
  /** Releases blocked waits and any connection they hold. */
  close(): Promise<void>
}
