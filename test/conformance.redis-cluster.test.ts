import { runStoreConformance } from '../src/testing/conformance/index.js'
import { redisClusterNamespace } from './support/redis-cluster-namespace.js'

runStoreConformance({
  name: 'redis cluster',
  capabilities: { shared: true },
  namespace: redisClusterNamespace,
})
