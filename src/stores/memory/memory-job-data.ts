import type {
  ItemCollection,
  JobDataFactory,
  PartCollection,
  PartSlot,
} from '../../domain/job-data.js'

/** A job's parts in memory: part -> open, plus every part in push order for stable paging. */
export class MapParts implements PartCollection {
  readonly open = new Map<string, boolean>()
  /** Every part ever pushed, in push order: a stable cursor for paging open parts. */
  readonly order: string[] = []

  slot(part: string): PartSlot | undefined {
    const open = this.open.get(part)
    return open === undefined ? undefined : open ? 'open' : 'settled'
  }

  add(part: string): void {
    this.open.set(part, true)
    this.order.push(part)
  }

  settle(part: string): void {
    this.open.set(part, false)
  }

  pushed(): readonly string[] {
    return this.order
  }
}

/** A batch's items in memory: item id -> set name. */
export class MapItems implements ItemCollection {
  readonly sets: Map<string, string>

  constructor(ids: readonly string[], set: string) {
    this.sets = new Map(ids.map((id) => [id, set]))
  }

  setOf(id: string): string | undefined {
    return this.sets.get(id)
  }

  move(id: string, set: string): void {
    this.sets.set(id, set)
  }

  delete(id: string): void {
    this.sets.delete(id)
  }

  idsIn(set: string): string[] {
    return [...this.sets].filter(([, name]) => name === set).map(([id]) => id)
  }

  clear(): void {
    this.sets.clear()
  }
}

export const mapFactory: JobDataFactory = {
  parts: () => new MapParts(),
  items: (ids, set) => new MapItems(ids, set),
}
