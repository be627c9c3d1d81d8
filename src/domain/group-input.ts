import { type GroupPolicy, validateDurationMs } from './policy.js'

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
