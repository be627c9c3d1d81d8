import type { ErrorCode } from '../errors/codes.js'
import { InvalidTransitionError, JobledgerError, NotFoundError } from '../errors/jobledger-error.js'
import type { QueueState } from './queue-item.js'

/** Thrown by every store when an item does not exist, was deleted or outlived its retention. */
export function queueItemNotFound(queue: string, id: string): NotFoundError {
  return new NotFoundError(
    `Queue ${queue} has no item ${id}: it never existed, was deleted, or was finished longer ago than retainMs.`,
    { details: { queue, id } },
  )
}

/** Thrown by every store when an operation does not apply to the item's current state. */
export function invalidQueueTransition(
  queue: string,
  id: string,
  action: string,
  state: QueueState,
): InvalidTransitionError {
  const allowed = ALLOWED_FROM[action] ?? 'another state'
  return new InvalidTransitionError(
    `Cannot ${action} item ${id} of queue ${queue}: it is ${state}, and ${action} needs it ${allowed}. Nothing was changed.`,
    { details: { queue, id, state, action } },
  )
}

const ALLOWED_FROM: Record<string, string> = {
  finish: 'running',
  fail: 'running',
  heartbeat: 'running',
  retry: 'finished or failed',
}

const LEASE_LOST: ErrorCode = 'CONFLICT'

/**
 * Thrown when a consumer acts on an item whose lease it lost: the sweeper gave the item to
 * another consumer (a later attempt), so this consumer's finish, fail or heartbeat is refused.
 */
export function leaseLost(queue: string, id: string, attempt: number, current: number) {
  return new JobledgerError(
    LEASE_LOST,
    `Item ${id} of queue ${queue} was reclaimed after its lease expired and is now on attempt ${current}; attempt ${attempt} may no longer change it. Heartbeat more often than leaseMs.`,
    { details: { queue, id, attempt, current } },
  )
}
