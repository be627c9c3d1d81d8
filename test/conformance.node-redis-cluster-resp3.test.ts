// The whole conformance suite through the node-redis driver, RESP3, on the test Redis Cluster.
import { runStoreConformance } from '../src/testing/index.js'
import { nodeRedisClusterNamespace } from './support/node-redis-namespace.js'

runStoreConformance({
  name: 'redis cluster (node-redis, RESP3)',
  capabilities: { shared: true },
  namespace: nodeRedisClusterNamespace(3),
})
