import { runStoreConformance } from '../src/testing/conformance/index.js'
import { runDifferentialSuite } from '../src/testing/differential/run-differential-suite.js'
import { redisClusterNamespace } from './support/redis-cluster-namespace.js'

const harness = {
  name: 'redis cluster',
  capabilities: { shared: true },
  namespace: redisClusterNamespace,
}

runStoreConformance(harness)
runDifferentialSuite(harness)
