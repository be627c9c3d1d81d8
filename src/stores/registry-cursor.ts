import { InvalidArgumentError } from '../errors/jobledger-error.js'
import type { RegistryEntry } from '../store/registry-store.js'

/** Newest first; equal timestamps in descending id order (the order Redis ZRANGE REV gives). */
export function compareNewestFirst(a: RegistryEntry, b: RegistryEntry): number {
  if (a.createdAt !== b.createdAt) return b.createdAt - a.createdAt
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0
}

/** A listing cursor is the last entry of the previous page, opaque to callers. */
export function encodeRegistryCursor(entry: RegistryEntry): string {
  return Buffer.from(JSON.stringify([entry.createdAt, entry.id])).toString('base64url')
}

export function decodeRegistryCursor(cursor: string | null): RegistryEntry | null {
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
