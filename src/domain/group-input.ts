import { InvalidArgumentError } from '../errors/jobledger-error.js'
import { describe } from './ids.js'
import { type GroupPolicy, validateDurationMs } from './policy.js'

const MAX_DESCRIPTION_LENGTH = 1_024
const MAX_NAME_LENGTH = 200
const CONTROL = /\p{Cc}/u
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

function checkText(value: unknown, what: string, max: number, allowEmpty: boolean): string {
  if (
    typeof value !== 'string' ||
    value.length > max ||
    (!allowEmpty && value.length === 0) ||
    LONE_SURROGATE.test(value)
  ) {
    const size = allowEmpty ? `at most ${max}` : `1 to ${max}`
    throw new InvalidArgumentError(
      `${what} must be a well-formed string of ${size} characters, got ${describe(value)}.`,
      { details: { what } },
    )
  }
  return value
}

/** A group's description: free text, at most 1,024 characters. */
export function validateGroupDescription(value: unknown): string {
  return checkText(value, 'description', MAX_DESCRIPTION_LENGTH, true)
}

/** A unit's display name: 1 to 200 characters, no control characters. */
export function validateUnitName(value: unknown): string {
  const name = checkText(value, 'name', MAX_NAME_LENGTH, false)
  if (CONTROL.test(name))
    throw new InvalidArgumentError('name may not contain control characters.', {
      details: { what: 'name' },
    })
  return name
}

/** The policy a new group gets: `defaults` with the given overrides, each checked. */
export function groupPolicyOf(
  given: { ttlMs?: unknown; keepCompletedMs?: unknown; summaryTtlMs?: unknown },
  defaults: GroupPolicy,
): GroupPolicy {
  const pick = (value: unknown, fallback: number, what: string, min: number) =>
    value === undefined ? fallback : validateDurationMs(value, what, min)
  return {
    ttlMs: pick(given.ttlMs, defaults.ttlMs, 'ttlMs', 1),
    keepCompletedMs: pick(given.keepCompletedMs, defaults.keepCompletedMs, 'keepCompletedMs', 0),
    summaryTtlMs: pick(given.summaryTtlMs, defaults.summaryTtlMs, 'summaryTtlMs', 0),
  }
}
