import type { RegistryEntry, RegistryPage, RegistryStore } from '../../store/registry-store.js'
import type { UnitKind } from '../../store/unit-ref.js'
import {
  compareNewestFirst,
  decodeRegistryCursor,
  encodeRegistryCursor,
} from '../registry-cursor.js'

/** The unit index in process memory, kept sorted newest first. */
export class MemoryRegistryStore implements RegistryStore {
  readonly #kinds = new Map<UnitKind, Map<string, number>>()

  async register(kind: UnitKind, id: string, createdAt: number): Promise<void> {
    const entries = this.#kinds.get(kind) ?? new Map<string, number>()
    if (!entries.has(id)) entries.set(id, createdAt)
    this.#kinds.set(kind, entries)
  }

  async page(kind: UnitKind, cursor: string | null, limit: number): Promise<RegistryPage> {
    const after = decodeRegistryCursor(cursor)
    const sorted: RegistryEntry[] = [...(this.#kinds.get(kind) ?? [])]
      .map(([id, createdAt]) => ({ id, createdAt }))
      .sort(compareNewestFirst)
    const rest = after ? sorted.filter((entry) => compareNewestFirst(entry, after) > 0) : sorted
    const entries = rest.slice(0, limit)
    const last = entries.at(-1)
    return { entries, cursor: rest.length > limit && last ? encodeRegistryCursor(last) : null }
  }

  clear(): number {
    const size = [...this.#kinds.values()].reduce((sum, entries) => sum + entries.size, 0)
    this.#kinds.clear()
    return size
  }

  async remove(kind: UnitKind, ids: readonly string[]): Promise<void> {
    const entries = this.#kinds.get(kind)
    for (const id of ids) entries?.delete(id)
  }
}
