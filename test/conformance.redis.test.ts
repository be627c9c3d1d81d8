import { runStoreConformance } from '../src/testing/index.js'
import { redisNamespace } from './support/redis-namespace.js'

runStoreConformance({ name: 'redis', capabilities: { shared: true }, namespace: redisNamespace })
