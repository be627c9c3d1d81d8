import type { Store } from '../store/store.js'

/** Maintenance across every face of the ledger's namespace. */
export class Cleaner {
  readonly #store: Store

  constructor(store: Store) {
    this.#store = store
  }

  /** Deletes everything this ledger's namespace holds, of every kind. Returns the count removed. */
  async purgeAll(): Promise<number> {
    return this.#store.purge()
  }
}
