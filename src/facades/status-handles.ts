import type { StatusRef } from '../store/status-store.js'
import type { Status } from './status.js'

/**
 * The Status handles of one ledger, one per id and options, so that `ledger.status(id)` called
 * again (say once per row) shares the same throttle. Handles are held weakly: one nobody uses
 * any more is collected (a handle with unwritten changes is kept alive by PendingStatuses).
 */
export class StatusHandles {
  readonly #handles = new Map<string, WeakRef<Status>>()
  readonly #collected = new FinalizationRegistry<string>((key) => {
    if (this.#handles.get(key)?.deref() === undefined) this.#handles.delete(key)
  })

  get(unit: StatusRef, throttleMs: number, create: () => Status): Status {
    const subject = JSON.stringify(unit.subject ?? null)
    const key = `${unit.id}\u0000${unit.creation.ttlMs}\u0000${throttleMs}\u0000${subject}`
    const existing = this.#handles.get(key)?.deref()
    if (existing) return existing
    const status = create()
    this.#handles.set(key, new WeakRef(status))
    this.#collected.register(status, key)
    return status
  }
}
