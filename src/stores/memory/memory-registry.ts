import {
  decodeRegistryCursor,
  indexedPrefixesOf,
  pageOf,
  prefixLookupOf,
  type RegistryEntry,
  type RegistryFilter,
  type RegistryPage,
} from '../../domain/registry-query.js'
import type { RegistryNames, RegistryStore } from '../../store/registry-store.js'
import type { UnitKind } from '../../store/unit-ref.js'
import { SortedEntries } from './sorted-entries.js'

/** One kind's entries: by id, by creation time, and per name prefix. */
class KindIndex {
  readonly byId = new Map<string, RegistryEntry>()
  readonly byTime = new SortedEntries()
  readonly byPrefix = new Map<string, SortedEntries>()

  add(entry: RegistryEntry): void {
    if (this.byId.has(entry.id)) return
    this.byId.set(entry.id, entry)
    this.byTime.insert(entry)
    for (const prefix of entry.name === null ? [] : indexedPrefixesOf(entry.name)) {
      const index = this.byPrefix.get(prefix) ?? new SortedEntries()
      index.insert(entry)
      this.byPrefix.set(prefix, index)
    }
  }

  delete(id: string): void {
    const entry = this.byId.get(id)
    if (!entry) return
    this.byId.delete(id)
    this.byTime.delete(entry)
    for (const prefix of entry.name === null ? [] : indexedPrefixesOf(entry.name)) {
      const index = this.byPrefix.get(prefix)
      index?.delete(entry)
      if (index?.size === 0) this.byPrefix.delete(prefix)
    }
  }
}

/** The unit index in process memory: sorted entries read by binary search, never a scan. */
export class MemoryRegistryStore implements RegistryStore {
  readonly #kinds = new Map<UnitKind, KindIndex>()

  async register(
    kind: UnitKind,
    id: string,
    createdAt: number,
    names?: RegistryNames,
  ): Promise<void> {
    const index = this.#kinds.get(kind) ?? new KindIndex()
    this.#kinds.set(kind, index)
    index.add({ id, createdAt, name: names?.name ?? null, description: names?.description ?? null })
  }

  async page(
    kind: UnitKind,
    cursor: string | null,
    limit: number,
    filter: RegistryFilter = {},
  ): Promise<RegistryPage> {
    const after = decodeRegistryCursor(cursor)
    const index = this.#kinds.get(kind)
    const lookup = filter.namePrefix === undefined ? null : prefixLookupOf(filter.namePrefix)
    const entries = lookup ? index?.byPrefix.get(lookup.index) : index?.byTime
    if (!entries) return { entries: [], cursor: null }
    const page = pageOf(entries.read(after, filter), limit, lookup?.check ?? null)
    return { entries: page.entries.map((entry) => ({ ...entry })), cursor: page.cursor }
  }

  async entry(kind: UnitKind, id: string): Promise<RegistryEntry | null> {
    const entry = this.#kinds.get(kind)?.byId.get(id)
    return entry ? { ...entry } : null
  }

  clear(): number {
    const size = [...this.#kinds.values()].reduce((sum, index) => sum + index.byId.size, 0)
    this.#kinds.clear()
    return size
  }

  async remove(kind: UnitKind, ids: readonly string[]): Promise<void> {
    const index = this.#kinds.get(kind)
    for (const id of ids) index?.delete(id)
  }
}
