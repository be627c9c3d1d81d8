export type { HarnessLedgerOptions, HarnessNamespace, StoreHarness } from './harness.js'
export { runStoreConformance } from './run-store-conformance.js'
export { type NamespaceHandle, useNamespace } from './use-namespace.js'
