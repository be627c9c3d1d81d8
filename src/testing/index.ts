/**
 * `jobledger/testing`: private Redis servers and clusters on free loopback ports, and
 * `eventually()`, for any test runner. The conformance suite (vitest) is
 * `jobledger/testing/conformance`.
 */
export { type RunningCluster, startRedisCluster } from './redis-cluster.js'
export {
  type DurableRedis,
  freePort,
  type RunningRedis,
  startDurableRedisServer,
  startRedisServer,
} from './redis-server.js'
export { eventually } from './wait.js'
