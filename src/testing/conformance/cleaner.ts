import { describe, expect, it } from 'vitest'
import type { StoreHarness } from './harness.js'
import { useNamespace } from './use-namespace.js'

/** purgeAll empties the namespace and nothing else. */
export function cleanerConformance(harness: StoreHarness): void {
  describe('cleaner', () => {
    const ns = useNamespace(harness)
    const other = useNamespace(harness)

    it('purges every unit of the namespace, and only of this namespace', async () => {
      const job = ns.ledger.job()
      await job.pushEach(['a', 'b'], () => {})
      await ns.ledger.job('second').push('x')
      const untouched = other.ledger.job('kept')
      await untouched.push('y')
      expect(await ns.ledger.cleaner.purgeAll()).toBeGreaterThan(0)
      expect(await job.summary()).toBeNull()
      expect((await ns.ledger.list({ kind: 'job' })).items).toEqual([])
      expect(await untouched.count()).toBe(1)
      expect(await ns.ledger.cleaner.purgeAll()).toBe(0)
    })
  })
}
