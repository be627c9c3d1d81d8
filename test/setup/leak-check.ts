import { afterEach, expect } from 'vitest'
import { countOpenLedgers } from '../../src/ledger.js'

// Every ledger a test opens must be closed by the end of that test: an open ledger holds
// Redis connections and timers that would leak into the next test.
afterEach(() => {
  expect(countOpenLedgers(), 'ledgers left open by this test').toBe(0)
})
