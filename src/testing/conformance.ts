/**
 * `jobledger/testing/conformance`: the suite every store passes, for vitest. It needs the
 * optional peers vitest and fast-check; without them importing it fails with one line saying
 * what to install (instead of a module-not-found deep inside the suite).
 *
 * @example
 * // store.conformance.test.ts
 * import { runStoreConformance } from 'jobledger/testing/conformance'
 * runStoreConformance({ name: 'my-store', capabilities: { shared: true }, namespace: async () => … })
 */
import { requireOptionalPeers } from './optional-peers.js'

requireOptionalPeers('jobledger/testing/conformance', ['vitest', 'fast-check'])

const suite = await import('./conformance/index.js')

export type {
  HarnessLedgerOptions,
  HarnessNamespace,
  NamespaceHandle,
  NamespaceOptions,
  StoreHarness,
  UseNamespaceOptions,
} from './conformance/index.js'

export const runStoreConformance: typeof suite.runStoreConformance = suite.runStoreConformance
export const useNamespace: typeof suite.useNamespace = suite.useNamespace
