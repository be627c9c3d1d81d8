import { describe } from '../domain/ids.js'
import type { RegistryFilter, RegistryOrder } from '../domain/registry-query.js'
import { STATUS_STATES } from '../domain/status-state.js'
import { validateUnitName } from '../domain/unit-name.js'
import { InvalidArgumentError } from '../errors/jobledger-error.js'
import type { UnitKind } from '../store/unit-ref.js'

/** The states a listing can be filtered by, per kind (queues have none: their items do). */
export const LISTING_STATES = {
  job: ['open', 'closed', 'stopped', 'finished', 'succeeded', 'failed'],
  group: ['pending', 'running', 'succeeded', 'failed', 'stopped'],
  status: STATUS_STATES,
  queue: [],
} as const satisfies Record<UnitKind, readonly string[]>

/** A state of a kind's listing: a job's state or, for finished jobs, its outcome. */
export type ListingState<K extends UnitKind = UnitKind> = (typeof LISTING_STATES)[K][number]

export interface ListOptions<K extends UnitKind = UnitKind> {
  kind: K
  /** Items per page, 1 to 1000; default 50. */
  limit?: number
  /** The cursor of the previous page; omit for the first page. */
  cursor?: string | null
  /** 'newest' (the default) or 'oldest' first. Keep it the same while paging. */
  order?: RegistryOrder
  /** Units whose name starts with this, ignoring case (1 to 200 characters). */
  name?: string
  /**
   * Units in this state (LISTING_STATES). Read from at most 500 units per page past the
   * cursor: a page may hold fewer than `limit` with a cursor to go on.
   */
  state?: ListingState<K>
  /** Created at or after this time (ms since the epoch). */
  createdFrom?: number
  /** Created at or before this time (ms since the epoch). */
  createdTo?: number
}

/** The options checked: what the registry reads, and the state to keep. */
export interface ListQuery {
  kind: UnitKind
  limit: number
  cursor: string | null
  filter: RegistryFilter
  state: string | null
}

const KINDS = Object.keys(LISTING_STATES) as UnitKind[]

export function listQueryOf(options: ListOptions): ListQuery {
  const kind: unknown = options?.kind
  if (typeof kind !== 'string' || !(KINDS as string[]).includes(kind)) {
    throw new InvalidArgumentError(
      `kind must be one of ${KINDS.join(', ')}, got ${String(options?.kind)}.`,
    )
  }
  const filter: RegistryFilter = { order: validateOrder(options.order) }
  if (options.name !== undefined) filter.namePrefix = validateUnitName(options.name)
  if (options.createdFrom !== undefined)
    filter.createdFrom = validateTime(options.createdFrom, 'createdFrom')
  if (options.createdTo !== undefined)
    filter.createdTo = validateTime(options.createdTo, 'createdTo')
  return {
    kind: kind as UnitKind,
    limit: validateLimit(options.limit),
    cursor: validateCursor(options.cursor),
    filter,
    state: validateState(kind as UnitKind, options.state),
  }
}

function validateOrder(order: unknown): RegistryOrder {
  if (order === undefined || order === 'newest' || order === 'oldest') return order ?? 'newest'
  throw new InvalidArgumentError(`order must be 'newest' or 'oldest', got ${describe(order)}.`)
}

function validateTime(value: unknown, what: string): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value
  throw new InvalidArgumentError(
    `${what} must be a time in ms since the epoch (a whole number, e.g. Date.parse('2026-12-01')), got ${describe(value)}.`,
  )
}

function validateLimit(limit: unknown): number {
  if (limit === undefined) return 50
  if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 1 || limit > 1000) {
    throw new InvalidArgumentError(`limit must be an integer from 1 to 1000, got ${String(limit)}.`)
  }
  return limit
}

function validateCursor(cursor: unknown): string | null {
  if (cursor === undefined || cursor === null) return null
  if (typeof cursor === 'string') return cursor
  throw new InvalidArgumentError(`cursor must be a string or null, got ${describe(cursor)}.`)
}

function validateState(kind: UnitKind, state: unknown): string | null {
  if (state === undefined) return null
  const states: readonly string[] = LISTING_STATES[kind]
  if (typeof state === 'string' && states.includes(state)) return state
  if (states.length === 0)
    throw new InvalidArgumentError(
      `${kind} units have no state to filter by; filter a queue's items on the queue instead.`,
    )
  throw new InvalidArgumentError(
    `state of a ${kind} must be one of ${states.join(', ')}, got ${describe(state)}.`,
  )
}
