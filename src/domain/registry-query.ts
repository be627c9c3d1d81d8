import { InvalidArgumentError } from '../errors/jobledger-error.js'

/**
 * The rule of the unit registry's reads, written once: the memory store runs it over its
 * sorted entries, lua/page-registry.lua runs the same steps over a sorted set.
 *
 * A kind's entries are ordered newest first by (createdAt, id), ids compared by code point
 * (the byte order of their UTF-8, which is Redis's order). A name index holds the entries
 * whose lower-case name starts with each of its first PREFIX_DEPTH code points; a prefix up
 * to that long is read exactly from its index, a longer one from the index of its first
 * PREFIX_DEPTH code points with every entry's name checked, reading at most SCAN_BOUND
 * entries per page (a page may then hold fewer than asked, with a cursor to go on).
 */
export const PREFIX_DEPTH = 8
export const SCAN_BOUND = 1000

export type RegistryOrder = 'newest' | 'oldest'

export interface RegistryEntry {
  id: string
  createdAt: number
  /** The unit's display name, as registered; null when it has none. */
  name: string | null
  /** A description the registry carries (statuses and queues; jobs and groups keep theirs). */
  description: string | null
}

/** Where a page starts: the last entry of the page before. */
export type RegistryPosition = Pick<RegistryEntry, 'id' | 'createdAt'>

export interface RegistryFilter {
  order?: RegistryOrder
  /** Entries whose name starts with this, ignoring case. */
  namePrefix?: string
  /** Created at or after (ms). */
  createdFrom?: number
  /** Created at or before (ms). */
  createdTo?: number
}

export interface RegistryPage {
  entries: RegistryEntry[]
  cursor: string | null
}

/** The form names are indexed and matched in. */
export function nameKeyOf(name: string): string {
  return name.toLowerCase()
}

/** The prefixes of a name that get an index entry: its first 1..PREFIX_DEPTH code points. */
export function indexedPrefixesOf(name: string): string[] {
  const points = Array.from(nameKeyOf(name)).slice(0, PREFIX_DEPTH)
  return points.map((_, i) => points.slice(0, i + 1).join(''))
}

/** Which name index a prefix is read from, and the prefix every entry must then be checked for. */
export function prefixLookupOf(prefix: string): { index: string; check: string | null } {
  const key = nameKeyOf(prefix)
  const points = Array.from(key)
  if (points.length <= PREFIX_DEPTH) return { index: key, check: null }
  return { index: points.slice(0, PREFIX_DEPTH).join(''), check: key }
}

/** Compares ids by code point, which is the byte order of their UTF-8 (Redis's order). */
export function compareIds(a: string, b: string): number {
  const length = Math.min(a.length, b.length)
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x === y) continue
    const xs = x >= 0xd800 && x <= 0xdfff
    const ys = y >= 0xd800 && y <= 0xdfff
    if (xs === ys) return x - y
    return xs ? 1 : -1
  }
  return a.length - b.length
}

/** Newest first; equal timestamps in descending id order (the order Redis ZRANGE REV gives). */
export function compareNewestFirst(a: RegistryPosition, b: RegistryPosition): number {
  if (a.createdAt !== b.createdAt) return b.createdAt - a.createdAt
  return compareIds(b.id, a.id)
}

/** True when `entry` comes after `position` in `order`. */
export function isAfter(entry: RegistryPosition, position: RegistryPosition, order: RegistryOrder) {
  const c = compareNewestFirst(position, entry)
  return order === 'newest' ? c < 0 : c > 0
}

/** Whether an entry lies in the filter's creation range. */
export function inRange(createdAt: number, filter: RegistryFilter): boolean {
  return (
    (filter.createdFrom === undefined || createdAt >= filter.createdFrom) &&
    (filter.createdTo === undefined || createdAt <= filter.createdTo)
  )
}

/**
 * One page from an index's entries in the filter's order, starting after the cursor and in
 * range: keeps those whose name starts with `check`, stops at `limit` kept or SCAN_BOUND read;
 * the cursor is the last entry kept or, when the bound stopped it, the last read.
 */
export function pageOf(
  ordered: Iterable<RegistryEntry>,
  limit: number,
  check: string | null,
): RegistryPage {
  const entries: RegistryEntry[] = []
  let scanned = 0
  let last: RegistryPosition | null = null
  for (const entry of ordered) {
    if (entries.length === limit || scanned === SCAN_BOUND) {
      const at = entries.length === limit ? entries.at(-1)! : last!
      return { entries, cursor: encodeRegistryCursor(at) }
    }
    scanned++
    last = entry
    if (check === null || (entry.name !== null && nameKeyOf(entry.name).startsWith(check)))
      entries.push(entry)
  }
  return { entries, cursor: null }
}

/** A listing cursor is the last entry of the previous page, opaque to callers. */
export function encodeRegistryCursor(entry: RegistryPosition): string {
  return Buffer.from(JSON.stringify([entry.createdAt, entry.id])).toString('base64url')
}

export function decodeRegistryCursor(cursor: string | null): RegistryPosition | null {
  if (cursor === null) return null
  try {
    const [createdAt, id] = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    ) as unknown[]
    if (typeof createdAt === 'number' && typeof id === 'string') return { createdAt, id }
  } catch {
    // falls through to the error below
  }
  throw new InvalidArgumentError(
    'cursor is not one this ledger returned; pass the cursor from the previous page or null.',
  )
}
