// The whole conformance suite through the node-redis driver, RESP2, on the test Redis Cluster.
import { runStoreConformance } from '../src/testing/index.js'
import { nodeRedisClusterNamespace } from './support/node-redis-namespace.js'

runStoreConformance({
  name: 'redis cluster (node-redis, RESP2)',
  capabilities: { shared: true },
  namespace: nodeRedisClusterNamespace(2),
})
