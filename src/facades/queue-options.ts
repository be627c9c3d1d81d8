import { describe } from '../domain/ids.js'
import type { QueuePolicy } from '../domain/policy.js'
import { validateDurationMs } from '../domain/policy.js'
import type { QueueSummary } from '../domain/queue-records.js'
import { InvalidArgumentError } from '../errors/jobledger-error.js'
import type { QueueItem } from './queue-item.js'
import type { WriteOptions } from './write-runner.js'

/**
 * A handle's options. `leaseMs`, `maxAttempts` and `retainMs` are the policy of a queue this
 * handle's first write creates (default: the ledger's `defaults.queue`); an existing queue
 * keeps its own, which `configure()` changes.
 */
export interface QueueOptions {
  /** How long a started item stays leased without heartbeat(), in ms; default 30 000. */
  leaseMs?: number
  /** Starts before an item whose lease keeps expiring is failed; default 3. */
  maxAttempts?: number
  /** How long finished and failed items are kept, in ms; default one day. */
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

export interface PopOptions extends WriteOptions {
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

/** What `queue.summary()` answers: counts by state and the queue's own policy. */
export interface QueueSummaryView extends QueueSummary {
  name: string
}

/** The policy a queue created by a handle with these options gets. */
export function queueCreationOf(options: QueueOptions, defaults: QueuePolicy): QueuePolicy {
  return { ...defaults, ...policyChangesOf(options) }
}

/** The policy values named in `given`, checked: leaseMs and retainMs in ms, maxAttempts >= 1. */
export function policyChangesOf(given: Partial<QueuePolicy>): Partial<QueuePolicy> {
  if (typeof given !== 'object' || given === null || Array.isArray(given))
    throw new InvalidArgumentError(`queue policy must be an object, got ${describe(given)}.`)
  const changes: Partial<QueuePolicy> = {}
  if (given.leaseMs !== undefined) changes.leaseMs = validateDurationMs(given.leaseMs, 'leaseMs')
  if (given.retainMs !== undefined)
    changes.retainMs = validateDurationMs(given.retainMs, 'retainMs')
  if (given.maxAttempts !== undefined) {
    const n = given.maxAttempts
    if (!Number.isSafeInteger(n) || n < 1)
      throw new InvalidArgumentError(
        `maxAttempts must be a whole number of at least 1, got ${describe(n)}.`,
        { details: { what: 'maxAttempts' } },
      )
    changes.maxAttempts = n
  }
  return changes
}
