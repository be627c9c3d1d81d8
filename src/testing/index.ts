export type {
  HarnessLedgerOptions,
  HarnessNamespace,
  NamespaceOptions,
  StoreHarness,
} from './conformance/harness.js'
export { runStoreConformance } from './conformance/run-store-conformance.js'
export {
  type NamespaceHandle,
  type UseNamespaceOptions,
  useNamespace,
} from './conformance/use-namespace.js'
export { type RunningCluster, startRedisCluster } from './redis-cluster.js'
export {
  type DurableRedis,
  freePort,
  type RunningRedis,
  startDurableRedisServer,
  startRedisServer,
} from './redis-server.js'
export { eventually } from './wait.js'
