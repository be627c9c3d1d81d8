import { InvalidArgumentError } from '../errors/jobledger-error.js'
import { describe } from './ids.js'

/*
 * A unit owns its policy. These values are written into a unit when it is created (from the
 * creating handle's options, else the creating ledger's defaults, else the built-in ones
 * below), and every later write reads them from the unit; only an explicit call (e.g.
 * `job.setTtl()`) changes them. A handle's options never change an existing unit.
 * Every duration is in milliseconds and its name ends in `Ms`.
 */

const SECOND = 1_000
const HOUR = 3_600 * SECOND
const DAY = 24 * HOUR

export interface JobPolicy {
  /** The job lives at least this long after its last write (at most 1.5 ×). */
  ttlMs: number
  /** How long the compact summary outlives the job's details. */
  summaryTtlMs: number
}

export interface StatusPolicy {
  ttlMs: number
}

export interface GroupPolicy {
  ttlMs: number
  /** How long a completed group's details are kept; 0 drops them when it completes. */
  keepCompletedMs: number
  summaryTtlMs: number
}

export interface QueuePolicy {
  /** How long a started item stays leased without a heartbeat. */
  leaseMs: number
  /** How long finished and failed items are kept. */
  retainMs: number
  /** Starts after which an item whose lease expires is failed instead of requeued. */
  maxAttempts: number
}

export interface UnitDefaults {
  job: JobPolicy
  status: StatusPolicy
  group: GroupPolicy
  queue: QueuePolicy
}

/** `createLedger({ defaults })`: any subset of each kind's policy. */
export type DefaultsOptions = { [K in keyof UnitDefaults]?: Partial<UnitDefaults[K]> }

export const BUILTIN_DEFAULTS: UnitDefaults = {
  job: { ttlMs: DAY, summaryTtlMs: 30 * DAY },
  status: { ttlMs: HOUR },
  group: { ttlMs: 7 * DAY, keepCompletedMs: 0, summaryTtlMs: 30 * DAY },
  queue: { leaseMs: 30 * SECOND, retainMs: DAY, maxAttempts: 3 },
}

/** The largest duration any policy takes: 10 years, far below what a Redis PEXPIRE holds. */
export const MAX_DURATION_MS = 10 * 365 * DAY

/** A whole number of ms in [min, MAX_DURATION_MS]; `what` names the option in the message. */
export function validateDurationMs(value: unknown, what: string, min = 1): number {
  if (
    typeof value === 'number' &&
    Number.isSafeInteger(value) &&
    value >= min &&
    value <= MAX_DURATION_MS
  ) {
    return value
  }
  throw new InvalidArgumentError(
    `${what} must be a whole number of milliseconds from ${min} to ${MAX_DURATION_MS}, got ${describe(value)}.`,
    { details: { what } },
  )
}

/** A legacy duration in seconds (fractions allowed) as ms; for the documented aliases only. */
export function secondsAliasToMs(value: unknown, what: string, replacement: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidArgumentError(
      `${what} must be a positive number of seconds, got ${describe(value)}; prefer ${replacement} in milliseconds.`,
      { details: { what } },
    )
  }
  return validateDurationMs(Math.max(1, Math.round(value * SECOND)), what)
}

const VALIDATORS: { [K in keyof UnitDefaults]: Record<keyof UnitDefaults[K], number> } = {
  job: { ttlMs: 1, summaryTtlMs: 0 },
  status: { ttlMs: 1 },
  group: { ttlMs: 1, keepCompletedMs: 0, summaryTtlMs: 0 },
  queue: { leaseMs: 1, retainMs: 1, maxAttempts: 1 },
}

/** Fills `given` over `base`, checking every value; unknown kinds or names are refused. */
export function resolveDefaults(
  given: unknown,
  base: UnitDefaults = BUILTIN_DEFAULTS,
): UnitDefaults {
  if (given === undefined || given === null) return base
  const resolved = structuredClone(base)
  for (const [kind, policy] of entriesOf(given, 'defaults')) {
    if (!(kind in VALIDATORS)) throw unknownName('defaults', kind, Object.keys(VALIDATORS))
    const minimums = VALIDATORS[kind as keyof UnitDefaults] as Record<string, number>
    const target = resolved[kind as keyof UnitDefaults] as unknown as Record<string, number>
    for (const [name, value] of entriesOf(policy, `defaults.${kind}`)) {
      const min = minimums[name]
      if (min === undefined) throw unknownName(`defaults.${kind}`, name, Object.keys(minimums))
      target[name] =
        name === 'maxAttempts'
          ? validateCount(value, `defaults.${kind}.${name}`)
          : validateDurationMs(value, `defaults.${kind}.${name}`, min)
    }
  }
  return resolved
}

function validateCount(value: unknown, what: string): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1) return value
  throw new InvalidArgumentError(
    `${what} must be a whole number of at least 1, got ${describe(value)}.`,
    {
      details: { what },
    },
  )
}

function entriesOf(value: unknown, what: string): [string, unknown][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidArgumentError(`${what} must be an object, got ${describe(value)}.`, {
      details: { what },
    })
  }
  return Object.entries(value).filter(([, v]) => v !== undefined)
}

function unknownName(what: string, name: string, known: string[]): InvalidArgumentError {
  return new InvalidArgumentError(
    `${what} has no option ${JSON.stringify(name)}; the options are ${known.join(', ')}.`,
    { details: { what } },
  )
}
