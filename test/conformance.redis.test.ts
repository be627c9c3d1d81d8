import { afterAll, expect } from 'vitest'
import { SCRIPTS } from '../src/stores/redis/scripts.generated.js'
import { runStoreConformance } from '../src/testing/conformance/index.js'
import { runDifferentialSuite } from '../src/testing/differential/run-differential-suite.js'
import { RACE_TRIALS } from './support/race-trials.js'
import { redisNamespace } from './support/redis-namespace.js'
import { checkedScriptCalls } from './support/slot-checking-driver.js'

const harness = {
  name: 'redis',
  capabilities: { shared: true },
  raceTrials: RACE_TRIALS,
  namespace: redisNamespace,
}
runStoreConformance(harness)
runDifferentialSuite(harness)

// Every script must have run, slot-checked, somewhere in the suite above.
afterAll(() => {
  for (const script of Object.values(SCRIPTS)) {
    expect(
      checkedScriptCalls.get(script.name),
      `calls of ${script.name} in the conformance run`,
    ).toBeGreaterThan(0)
  }
})
