import type { QueueCounts, QueueState } from '../domain/queue-item.js'

/** A queue addressed for a write, with the policy its writes apply. */
export interface QueueRef {
  readonly name: string
  /** How long a started item stays leased without a heartbeat. */
  readonly leaseMs: number
  /** How long finished and failed items are kept. */
  readonly retainMs: number
  /** Starts after which an item whose lease expires is failed instead of requeued. */
  readonly maxAttempts: number
}

/** One stored item; data, result and errors are JSON text. */
export interface QueueItemRecord {
  id: string
  state: QueueState
  data: string
  /** JSON of the result (finished) or errors (failed); null otherwise. */
  outcome: string | null
  createdAt: number
  startedAt: number | null
  finishedAt: number | null
  /** How many times the item was started since it was created or retried. */
  attempts: number
  /**
   * Starts since creation, never reset: the fencing token of the current start. A consumer
   * acts on the item only while the start it holds is the current one.
   */
  starts: number
  /** While running: when the lease ends unless heartbeat() extends it. */
  leaseUntil: number | null
}

export type QueueSettlement = { to: 'finished'; result: string } | { to: 'failed'; errors: string }

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

export interface QueueSummary {
  createdAt: number
  counts: QueueCounts
}

export interface QueueItemsPage {
  items: QueueItemRecord[]
  /** Offset of the next page; null on the last one. */
  cursor: number | null
}

/**
 * Tracked-queue operations. Each write is atomic (one script in Redis) and publishes a
 * `stateChanged` event on `queueTopic(name)` as part of the same step; refused writes
 * throw the shared errors of domain/queue-errors.ts and change nothing.
 * `start` (a record's `starts`, when not null) makes finish, fail and heartbeat apply only to
 * that start, so a consumer whose lease was taken over or whose item was retried is refused.
 */
export interface QueueStore {
  createAndPush(queue: QueueRef, data: string): Promise<CreateAndPushResult>
  /** Moves the oldest waiting item to running in one step, or returns null at once. */
  popAndStart(queue: QueueRef): Promise<QueueItemRecord | null>
  /** Resolves when an item may be waiting, after timeoutMs, or when signal aborts. */
  waitForItem(queue: string, timeoutMs: number, signal: AbortSignal): Promise<void>
  /** Finishes or fails a running item; with popNext, also pops and starts the next one. */
  settle(
    queue: QueueRef,
    id: string,
    start: number | null,
    settlement: QueueSettlement,
    popNext: boolean,
  ): Promise<SettleResult>
  /** Extends a running item's lease; returns the new lease end. */
  heartbeat(queue: QueueRef, id: string, start: number | null): Promise<number>
  retry(queue: QueueRef, id: string): Promise<QueueItemRecord>
  deleteItem(queue: string, id: string): Promise<void>
  reclaimExpired(queue: QueueRef): Promise<ReclaimResult>
  getItem(queue: string, id: string): Promise<QueueItemRecord | null>
  /** Counts in one consistent read; null when the queue was never pushed to. */
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
