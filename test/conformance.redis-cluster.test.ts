import { runStoreConformance } from '../src/testing/conformance/index.js'
import { runDifferentialSuite } from '../src/testing/differential/run-differential-suite.js'
import { RACE_TRIALS } from './support/race-trials.js'
import { redisClusterNamespace } from './support/redis-cluster-namespace.js'

const harness = {
  name: 'redis cluster',
  capabilities: { shared: true },
  raceTrials: RACE_TRIALS,
  namespace: redisClusterNamespace,
}

runStoreConformance(harness)
runDifferentialSuite(harness)
