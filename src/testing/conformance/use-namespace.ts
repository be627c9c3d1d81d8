import { afterEach, beforeEach } from 'vitest'
import { ManualClock } from '../../domain/clock.js'
import type { Ledger } from '../../ledger.js'
import type { HarnessLedgerOptions, HarnessNamespace, StoreHarness } from './harness.js'

export interface NamespaceHandle {
  /** The first ledger of the test's namespace. */
  readonly ledger: Ledger
  /** Another ledger over the same namespace (a separate connection where the store has them). */
  another(options?: HarnessLedgerOptions): Ledger
  /** The test's manual clock (only with `{ manualClock: true }`): advance it to move time. */
  readonly clock: ManualClock
}

export interface UseNamespaceOptions {
  /** Give each test a ManualClock that every ledger of its namespace judges time by. */
  manualClock?: boolean
}

/** Gives each test of the enclosing describe its own empty namespace, closed after the test. */
export function useNamespace(
  harness: StoreHarness,
  options: UseNamespaceOptions = {},
): NamespaceHandle {
  let current: HarnessNamespace | null = null
  let first: Ledger | null = null
  let clock: ManualClock | null = null
  beforeEach(async () => {
    clock = options.manualClock === true ? new ManualClock() : null
    current = await harness.namespace(clock ? { clock } : {})
    first = current.ledger()
  })
  afterEach(async () => {
    await current?.close()
    current = null
    first = null
    clock = null
  })
  return {
    get ledger() {
      if (!first) throw new Error('useNamespace: no test is running')
      return first
    },
    another(options?: HarnessLedgerOptions) {
      if (!current) throw new Error('useNamespace: no test is running')
      return current.ledger(options)
    },
    get clock() {
      if (!clock) throw new Error('useNamespace: pass { manualClock: true } to get a clock')
      return clock
    },
  }
}
