import { CallbackDispatch } from './facades/callbacks.js'
import { Cleaner } from './facades/cleaner.js'
import type { LedgerCore } from './facades/ledger-core.js'
import { StagesContext } from './facades/stages-context.js'
import { Sweeper, sweeperOptionsOf } from './facades/sweeper.js'
import { WriteRunner } from './facades/write-runner.js'
import {
  type LedgerOptions,
  retryPolicyOf,
  stagesOptions,
  unitDefaultsOf,
} from './ledger-options.js'
import { log, validateLogger } from './logger.js'
import { LedgerTelemetry } from './observability/ledger-telemetry.js'
import type { Store } from './store/store.js'

/** What one ledger's facades share, built from its options. */
export interface LedgerWiring {
  telemetry: LedgerTelemetry
  core: LedgerCore
  stages: StagesContext
  cleaner: Cleaner
  sweeper: Sweeper | null
}

/** Instruments the store and builds the write runner, dispatch, stages, cleaner and sweeper. */
export function wireLedger(
  store: Store,
  options: LedgerOptions,
  closing: AbortSignal,
): LedgerWiring {
  const telemetry = new LedgerTelemetry(options.telemetry)
  const observed = telemetry.instrument(store)
  const logger = validateLogger(options.logger)
  const writes = new WriteRunner(retryPolicyOf(options), (retry) =>
    log(logger, 'warn', { ...retry, error: String(retry.error) }, 'retrying a write'),
  )
  const dispatch = telemetry.dispatch(options.dispatch)
  const core: LedgerCore = {
    store: observed,
    writes,
    defaults: unitDefaultsOf(options),
    closing,
    callbacks: new CallbackDispatch(observed, writes, dispatch, logger),
    ...(logger ? { logger } : {}),
  }
  const stages = new StagesContext(core, stagesOptions({ ...options, dispatch }))
  const cleaner = new Cleaner(observed, stages, core.callbacks)
  const sweeperOptions = sweeperOptionsOf(options.sweeper)
  const sweeper = sweeperOptions
    ? new Sweeper((o) => cleaner.cleanupOrphans(o), sweeperOptions, logger)
    : null
  return { telemetry, core, stages, cleaner, sweeper }
}
