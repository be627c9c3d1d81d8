import type { QueuePolicy } from './policy.js'
import type { QueueCounts, QueueState } from './queue-item.js'

/** One item as read; data, result and errors are JSON text. */
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

/**
 * An item as stored: the record plus what makes its writes idempotent. `createOp` made it;
 * `popOp` started its current run (the queue maps it to the item while it runs); `lastOp`
 * made its last settle or retry, whose answer a repeat of that op gets again.
 */
export interface QueueItemUnit extends QueueItemRecord {
  /** Finished or failed: when its retention ends (the queue's retainMs after settling). */
  retainUntil: number | null
  createOp: string
  popOp: string | null
  lastOp: string | null
}

/** A queue's own fields: created by its first write, with the policy that write gave it. */
export interface QueueUnit {
  name: string
  createdAt: number
  createOp: string
  /** The last item id handed out. */
  seq: number
  policy: QueuePolicy
}

export interface QueueSummary {
  createdAt: number
  counts: QueueCounts
  /** The queue's own policy, read by every write. */
  policy: QueuePolicy
}

export function toItemRecord(item: QueueItemUnit): QueueItemRecord {
  const { retainUntil: _r, createOp: _c, popOp: _p, lastOp: _l, ...record } = item
  return record
}
