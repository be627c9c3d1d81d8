// The whole conformance suite through the node-redis driver, RESP2, on the test server.
import { runStoreConformance } from '../src/testing/index.js'
import { nodeRedisNamespace } from './support/node-redis-namespace.js'

runStoreConformance({
  name: 'redis (node-redis, RESP2)',
  capabilities: { shared: true },
  namespace: nodeRedisNamespace(2),
})
