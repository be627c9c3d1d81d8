import type { Ledger, LedgerOptions } from '../../ledger.js'
import type { StoreCapabilities } from '../../store/store.js'

/** One isolated namespace of a store, for one test. */
export interface HarnessNamespace {
  /**
   * A ledger over this namespace; where the store has connections, each call opens a new one.
   * Options other than the store's own (redis, store, prefix) are passed to createLedger.
   */
  ledger(options?: Omit<LedgerOptions, 'redis' | 'store' | 'prefix'>): Ledger
  /** Closes every ledger opened here and removes the namespace's data. */
  close(): Promise<void>
}

/** What the conformance suite needs from a store under test. */
export interface StoreHarness {
  name: string
  capabilities: StoreCapabilities
  /** A fresh, empty namespace. */
  namespace(): Promise<HarnessNamespace>
}
