import type { RegistryEntry, RegistryFilter, RegistryPage } from '../domain/registry-query.js'
import type { UnitKind } from './unit-ref.js'

export type {
  RegistryEntry,
  RegistryFilter,
  RegistryOrder,
  RegistryPage,
} from '../domain/registry-query.js'

/** What a unit is registered with besides its id and creation time. */
export interface RegistryNames {
  name: string | null
  description: string | null
}

/**
 * The index of units per kind, so listing never scans the keyspace: by creation time, and by
 * name prefix (domain/registry-query.ts has the rule). Entries are written once when a unit
 * is created (a second registration keeps the first) and removed when found expired.
 */
export interface RegistryStore {
  register(kind: UnitKind, id: string, createdAt: number, names?: RegistryNames): Promise<void>
  /** A page newest first (or oldest first), filtered by name prefix and creation range. */
  page(
    kind: UnitKind,
    cursor: string | null,
    limit: number,
    filter?: RegistryFilter,
  ): Promise<RegistryPage>
  /** One unit's entry, or null when it is not registered. */
  entry(kind: UnitKind, id: string): Promise<RegistryEntry | null>
  remove(kind: UnitKind, ids: readonly string[]): Promise<void>
}
