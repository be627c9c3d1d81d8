import { createLedger, type Ledger } from '../src/index.js'
import { createMemoryStore } from '../src/stores/memory/memory-store.js'
import { runStoreConformance, type StoreHarness } from '../src/testing/conformance/index.js'
import { runDifferentialSuite } from '../src/testing/differential/run-differential-suite.js'
import { RACE_TRIALS } from './support/race-trials.js'

const harness: StoreHarness = {
  name: 'memory',
  capabilities: { shared: false },
  raceTrials: RACE_TRIALS,
  namespace: async (options = {}) => {
    const store = createMemoryStore(options)
    const ledgers: Ledger[] = []
    return {
      ledger: (options = {}) => {
        const ledger = createLedger({ ...options, store })
        ledgers.push(ledger)
        return ledger
      },
      close: async () => {
        await Promise.all(ledgers.map((ledger) => ledger.close()))
        await store.close()
      },
    }
  },
}

runStoreConformance(harness)
runDifferentialSuite(harness)
