import type { Clock } from '../../domain/clock.js'
import type {
  ItemCollection,
  JobDataFactory,
  PartCollection,
  PartSlot,
} from '../../domain/job-data.js'
import type { Store } from '../../store/store.js'
import { MemoryBatchStore } from '../../stores/memory/memory-batches.js'
import { JobTable } from '../../stores/memory/memory-job-table.js'
import { MemoryJobStore } from '../../stores/memory/memory-jobs.js'
import { createMemoryStore } from '../../stores/memory/memory-store.js'

/*
 * The oracle of the jobs-and-batches model: the domain's write rules (domain/job-writes.ts,
 * batch-writes.ts) over the plainest data there is — arrays searched from the start, no Map,
 * no index. The other faces are an ordinary memory store (the jobs commands never use them).
 */

class ArrayParts implements PartCollection {
  readonly #parts: { part: string; open: boolean }[] = []

  slot(part: string): PartSlot | undefined {
    const found = this.#parts.find((entry) => entry.part === part)
    if (!found) return undefined
    return found.open ? 'open' : 'settled'
  }

  add(part: string): void {
    this.#parts.push({ part, open: true })
  }

  settle(part: string): void {
    const found = this.#parts.find((entry) => entry.part === part)
    if (found) found.open = false
  }

  pushed(): readonly string[] {
    return this.#parts.map((entry) => entry.part)
  }
}

class ArrayItems implements ItemCollection {
  #items: { id: string; set: string }[]

  constructor(ids: readonly string[], set: string) {
    this.#items = ids.map((id) => ({ id, set }))
  }

  setOf(id: string): string | undefined {
    return this.#items.find((item) => item.id === id)?.set
  }

  move(id: string, set: string): void {
    const found = this.#items.find((item) => item.id === id)
    if (found) found.set = set
  }

  delete(id: string): void {
    this.#items = this.#items.filter((item) => item.id !== id)
  }

  idsIn(set: string): string[] {
    return this.#items.filter((item) => item.set === set).map((item) => item.id)
  }

  clear(): void {
    this.#items = []
  }
}

const arrayFactory: JobDataFactory = {
  parts: () => new ArrayParts(),
  items: (ids, set) => new ArrayItems(ids, set),
}

/** A store whose jobs and batches are the oracle's; everything else a memory store. */
export function jobsOracleStore(clock: Clock): Store {
  const base = createMemoryStore({ clock })
  const table = new JobTable(clock, arrayFactory)
  return {
    ...base,
    name: 'jobs oracle',
    jobs: new MemoryJobStore(clock, table),
    batches: new MemoryBatchStore(table),
    purge: async () => (await base.purge()) + table.clear(),
  }
}
