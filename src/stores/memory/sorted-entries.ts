import {
  compareNewestFirst,
  type RegistryEntry,
  type RegistryFilter,
  type RegistryPosition,
} from '../../domain/registry-query.js'

/** Registry entries kept newest first, read from a position in either order by binary search. */
export class SortedEntries {
  readonly #items: RegistryEntry[] = []

  get size(): number {
    return this.#items.length
  }

  insert(entry: RegistryEntry): void {
    this.#items.splice(this.#firstAfter(entry), 0, entry)
  }

  delete(entry: RegistryPosition): void {
    const at = this.#firstAfter(entry) - 1
    if (at >= 0 && this.#items[at]!.id === entry.id) this.#items.splice(at, 1)
  }

  /** Entries after `after` within the filter's range, in its order. */
  *read(after: RegistryPosition | null, filter: RegistryFilter): Generator<RegistryEntry> {
    const items = this.#items
    const from = filter.createdFrom ?? Number.NEGATIVE_INFINITY
    const to = filter.createdTo ?? Number.POSITIVE_INFINITY
    if ((filter.order ?? 'newest') === 'newest') {
      let i = after ? this.#firstAfter(after) : 0
      i = Math.max(
        i,
        this.#bound((e) => e.createdAt <= to),
      )
      for (; i < items.length && items[i]!.createdAt >= from; i++) yield items[i]!
    } else {
      let i = (after ? this.#bound((e) => compareNewestFirst(e, after) >= 0) : items.length) - 1
      i = Math.min(i, this.#bound((e) => e.createdAt < from) - 1)
      for (; i >= 0 && items[i]!.createdAt <= to; i--) yield items[i]!
    }
  }

  /** The index of the first entry after `position` newest first. */
  #firstAfter(position: RegistryPosition): number {
    return this.#bound((e) => compareNewestFirst(e, position) > 0)
  }

  /** The first index where `holds` (false before it, true from it on). */
  #bound(holds: (entry: RegistryEntry) => boolean): number {
    let low = 0
    let high = this.#items.length
    while (low < high) {
      const mid = (low + high) >>> 1
      if (holds(this.#items[mid]!)) high = mid
      else low = mid + 1
    }
    return low
  }
}
