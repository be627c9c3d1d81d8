import { InvalidArgumentError } from '../errors/jobledger-error.js'
import { describe, validateId } from './ids.js'

/** A unit another one names: a job, a group, a staged job of a group, a queue or one queue item. */
export type UnitRef =
  | { kind: 'job' | 'group' | 'queue'; id: string }
  | { kind: 'staged-job'; groupId: string; id: string }
  | { kind: 'queue-item'; queue: string; id: string }

const KINDS = ['job', 'group', 'queue', 'staged-job', 'queue-item'] as const

/** Checks a unit reference (`what` names it in the message) and returns a copy of its fields. */
export function validateUnitRef(value: unknown, what: string): UnitRef {
  const ref = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>
  const kind = KINDS.find((k) => k === ref.kind)
  if (kind === undefined) {
    throw new InvalidArgumentError(
      `${what} must name a unit: { kind, id } with kind one of ${KINDS.join(', ')} (a staged job also needs groupId, a queue item queue), got ${describe(value)}.`,
      { details: { what } },
    )
  }
  const id = validateId(ref.id, `${what} id`)
  if (kind === 'staged-job')
    return { kind, groupId: validateId(ref.groupId, `${what} groupId`), id }
  if (kind === 'queue-item') return { kind, queue: validateId(ref.queue, `${what} queue`), id }
  return { kind, id }
}

/**
 * The id of the status that reports on a queue item, `<queue>:<id>` (what the dashboard looks
 * for on the item's page); create it with `{ subject: { kind: 'queue-item', queue, id } }`.
 */
export function queueItemStatusId(item: { queue: string; id: string }): string {
  return `${item.queue}:${item.id}`
}

/** How a reference reads in a page or a terminal: `queue item imports / 7`, `job nightly`, … */
export function describeUnitRef(ref: UnitRef): string {
  if (ref.kind === 'staged-job') return `staged job ${ref.id} of group ${ref.groupId}`
  if (ref.kind === 'queue-item') return `queue item ${ref.queue} / ${ref.id}`
  return `${ref.kind} ${ref.id}`
}
