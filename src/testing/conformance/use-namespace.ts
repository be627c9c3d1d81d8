import { afterEach, beforeEach } from 'vitest'
import type { Ledger } from '../../ledger.js'
import type { HarnessLedgerOptions, HarnessNamespace, StoreHarness } from './harness.js'

export interface NamespaceHandle {
  /** The first ledger of the test's namespace. */
  readonly ledger: Ledger
  /** Another ledger over the same namespace (a separate connection where the store has them). */
  another(options?: HarnessLedgerOptions): Ledger
}

/** Gives each test of the enclosing describe its own empty namespace, closed after the test. */
export function useNamespace(harness: StoreHarness): NamespaceHandle {
  let current: HarnessNamespace | null = null
  let first: Ledger | null = null
  beforeEach(async () => {
    current = await harness.namespace()
    first = current.ledger()
  })
  afterEach(async () => {
    await current?.close()
    current = null
    first = null
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
  }
}
