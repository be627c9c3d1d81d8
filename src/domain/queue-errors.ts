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
 * Thrown when a consumer acts on an item it no longer holds: the item was started again since
 * (the sweeper reclaimed an expired lease, or it was retried), so this consumer's finish, fail
 * or heartbeat is refused. `start` and `current` count the item's starts.
 */
export function leaseLost(queue: string, id: string, start: number, current: number) {
  return new JobledgerError(
    LEASE_LOST,
    `Item ${id} of queue ${queue} was started again since this consumer took it (its lease expired and the sweeper reclaimed it, or it was retried): it is on start ${current}, and start ${start} may no longer change it. Heartbeat more often than leaseMs.`,
    { details: { queue, id, start, current } },
  )
}
