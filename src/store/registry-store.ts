import type { UnitKind } from './unit-ref.js'

export interface RegistryEntry {
  id: string
  createdAt: number
}

export interface RegistryPage {
  entries: RegistryEntry[]
  cursor: string | null
}

/**
 * The index of units per kind, newest first, so listing never scans the keyspace.
 * Entries are written once when a unit is created and removed when found expired.
 */
export interface RegistryStore {
  register(kind: UnitKind, id: string, createdAt: number): Promise<void>
  page(kind: UnitKind, cursor: string | null, limit: number): Promise<RegistryPage>
  remove(kind: UnitKind, ids: readonly string[]): Promise<void>
}
