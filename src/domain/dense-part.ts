/**
 * Parts written as canonical decimal integers below this bound are "dense": stores may keep
 * them in a bitmap (two bits per part in Redis) instead of a set of strings. The bound caps
 * the bitmap a single stray part can allocate at 8 MiB.
 */
export const DENSE_PART_LIMIT = 2 ** 26

const CANONICAL_INTEGER = /^(0|[1-9][0-9]{0,7})$/

/** The part's bit index when it is dense, otherwise -1. */
export function densePartIndex(part: string): number {
  if (!CANONICAL_INTEGER.test(part)) return -1
  const index = Number(part)
  return index < DENSE_PART_LIMIT ? index : -1
}
