import type { Clock } from '../../domain/clock.js'
import type { Ledger, LedgerOptions } from '../../ledger.js'
import type { StoreCapabilities } from '../../store/store.js'

/** One isolated namespace of a store, for one test. */
export interface HarnessNamespace {
  /** A ledger over this namespace; where the store has connections, each call opens a new one. */
  ledger(options?: HarnessLedgerOptions): Ledger
  /** Closes every ledger opened here and removes the namespace's data. */
  close(): Promise<void>
}

/** Ledger options a test may add (the harness picks the store). */
export type HarnessLedgerOptions = Omit<LedgerOptions, 'redis' | 'store' | 'prefix' | 'clock'>

export interface NamespaceOptions {
  /** The time every ledger of the namespace judges by (a ManualClock in time-travel tests). */
  clock?: Clock
}

/** What the conformance suite needs from a store under test. */
export interface StoreHarness {
  name: string
  capabilities: StoreCapabilities
  /**
   * How many trials each race test repeats (default 20, the full count). A smaller count keeps
   * a CI run short; the full count belongs in a longer run.
   */
  raceTrials?: number
  /** A fresh, empty namespace; with `clock`, its store judges time by that clock. */
  namespace(options?: NamespaceOptions): Promise<HarnessNamespace>
}
