import type { QueueItem } from './queue-item.js'

export interface QueueOptions {
  /** How long a started item stays leased without heartbeat(); default 30 000 ms. */
  leaseMs?: number
  /** Starts before an item whose lease keeps expiring is failed; default 3. */
  maxAttempts?: number
  /** How long finished and failed items are kept; default one day. */
  retainMs?: number
  /** Largest data, result or errors, as JSON bytes; default 1 MB. */
  maxDataBytes?: number
  /** How often this queue's pops run the sweeper; default min(leaseMs / 2, 1000) ms. */
  reclaimEveryMs?: number
  /** A display name for lists and search (1 to 200 characters), registered when the queue is created. */
  name?: string
  /** What the queue carries (at most 1,024 characters), registered with its name. */
  description?: string
}

export interface PopOptions {
  /** How long to wait for an item; 0 (the default) waits until one comes or the ledger closes. */
  timeoutMs?: number
  /** Ends the wait early: popAndStart then resolves null, having taken nothing. */
  signal?: AbortSignal
}

export interface QueueListOptions {
  cursor?: string | null
  /** Items per page, 1 to 1000; default 50. */
  limit?: number
}

export interface QueueListResult<TData, TResult> {
  items: QueueItem<TData, TResult>[]
  cursor: string | null
}
