import { InvalidArgumentError } from '../errors/jobledger-error.js'
import { describe } from './ids.js'

/*
 * The status state machine (any state may move to any other, as a status is also written
 * from outside the job, e.g. a retry or an operator marking it failed):
 *
 *   (created) ──▶ queued ──▶ working ──▶ completed
 *                   ▲           │  ▲
 *                   │           ▼  │ (retry)
 *                   └──────── failed
 *
 *   Entering queued sets queuedAt and clears startedAt/finishedAt; entering working sets
 *   startedAt and clears finishedAt; entering completed or failed sets finishedAt. Writing the
 *   state a status is already in changes no timestamp. A status created by a write that names
 *   no state starts queued.
 */
export const STATUS_STATES = ['queued', 'working', 'completed', 'failed'] as const

export type StatusState = (typeof STATUS_STATES)[number]

export function validateStatusState(value: unknown): StatusState {
  if (typeof value === 'string' && (STATUS_STATES as readonly string[]).includes(value)) {
    return value as StatusState
  }
  throw new InvalidArgumentError(
    `status must be one of ${STATUS_STATES.join(', ')}, got ${describe(value)}.`,
    { details: { what: 'status' } },
  )
}

export function isFinishedState(state: StatusState): boolean {
  return state === 'completed' || state === 'failed'
}

/** The events topic on which every write of status `id` is announced as `{ id, rev }`. */
export function statusTopic(id: string): string {
  return `status:${id}`
}
