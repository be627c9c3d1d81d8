import type { UnitDefaults } from '../domain/policy.js'
import type { Logger } from '../logger.js'
import type { Store } from '../store/store.js'
import type { CallbackDispatch } from './callbacks.js'
import type { WriteRunner } from './write-runner.js'

/**
 * What every facade of one ledger shares: the store, the runner that gives each write an
 * operation id and retries it, and the policy new units are created with.
 */
export interface LedgerCore {
  readonly store: Store
  readonly writes: WriteRunner
  readonly defaults: UnitDefaults
  /** Aborted when the ledger closes (waits and listeners end). */
  readonly closing: AbortSignal
  /** Dispatches and confirms the callbacks a write made due. */
  readonly callbacks: CallbackDispatch
  /** Where facades report what they recover from (retries, audited actions); none: silent. */
  readonly logger?: Logger
}
