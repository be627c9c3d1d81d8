// The whole conformance suite through the node-redis driver, RESP2, on the test server.

import { runStoreConformance } from '../src/testing/conformance/index.js'
import { runDifferentialSuite } from '../src/testing/differential/run-differential-suite.js'
import { nodeRedisNamespace } from './support/node-redis-namespace.js'
import { RACE_TRIALS } from './support/race-trials.js'

const harness = {
  name: 'redis (node-redis, RESP2)',
  capabilities: { shared: true },
  raceTrials: RACE_TRIALS,
  namespace: nodeRedisNamespace(2),
}

runStoreConformance(harness)
runDifferentialSuite(harness)
