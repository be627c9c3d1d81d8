import { createLedger, type Ledger } from '../src/index.js'
import { createMemoryStore } from '../src/stores/memory/memory-store.js'
import { runStoreConformance } from '../src/testing/conformance/index.js'

runStoreConformance({
  name: 'memory',
  capabilities: { shared: false },
  namespace: async () => {
    const store = createMemoryStore()
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
})
