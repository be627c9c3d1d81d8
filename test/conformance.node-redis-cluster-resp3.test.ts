// The whole conformance suite through the node-redis driver, RESP3, on the test Redis Cluster.
import { vi } from 'vitest'
import { runStoreConformance } from '../src/testing/conformance/index.js'
import { runDifferentialSuite } from '../src/testing/differential/run-differential-suite.js'
import { nodeRedisClusterNamespace } from './support/node-redis-namespace.js'
import { RACE_TRIALS } from './support/race-trials.js'

// The suite's 20-trial races run 2-3x slower through node-redis's cluster client than through
// ioredis's on a loaded 2-core machine (see the report in docs/BENCHMARKS.md's drivers section);
// they get three minutes here instead of one.
vi.setConfig({ testTimeout: 180_000 })

const harness = {
  name: 'redis cluster (node-redis, RESP3)',
  capabilities: { shared: true },
  raceTrials: RACE_TRIALS,
  namespace: nodeRedisClusterNamespace(3),
}

runStoreConformance(harness)
runDifferentialSuite(harness)
