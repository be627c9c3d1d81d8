// The whole conformance suite through the node-redis driver, RESP2, on the test server.

import { runStoreConformance } from '../src/testing/conformance/index.js'
import { runDifferentialSuite } from '../src/testing/differential/run-differential-suite.js'
import { nodeRedisNamespace } from './support/node-redis-namespace.js'

const harness = {
  name: 'redis (node-redis, RESP2)',
  capabilities: { shared: true },
  namespace: nodeRedisNamespace(2),
}

runStoreConformance(harness)
runDifferentialSuite(harness)
