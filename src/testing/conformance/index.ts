export type {
  HarnessLedgerOptions,
  HarnessNamespace,
  NamespaceOptions,
  StoreHarness,
} from './harness.js'
export { runStoreConformance } from './run-store-conformance.js'
export { type NamespaceHandle, type UseNamespaceOptions, useNamespace } from './use-namespace.js'
