/*
 * Unit expiry, one rule for both stores. A unit stores its deadline (`expiresAt`, ms); it is
 * absent for every read and write once the store's clock reaches it. A write must leave the
 * unit alive for at least its ttl; to spare a key refresh on most writes, a refresh moves the
 * deadline to now + ttl + ttl / 2, so the next ttl / 2 of writes need none. A unit therefore
 * lives between ttl and 1.5 × ttl after its last write.
 */

/** Extra life a refresh grants beyond the ttl, so most writes need no refresh. */
export function expirySlackMs(ttlMs: number): number {
  return Math.floor(ttlMs / 2)
}

/** The new deadline after a write at `now`, or null when the stored one still covers the ttl. */
export function extendedExpiry(expiresAt: number, now: number, ttlMs: number): number | null {
  if (expiresAt - now >= ttlMs) return null
  return now + ttlMs + expirySlackMs(ttlMs)
}

/** The deadline of a unit created at `now`. */
export function initialExpiry(now: number, ttlMs: number): number {
  return now + ttlMs + expirySlackMs(ttlMs)
}

export function isExpired(expiresAt: number, now: number): boolean {
  return expiresAt <= now
}
