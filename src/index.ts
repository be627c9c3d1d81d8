export type { JobOutcome, JobState, JobSummary } from './domain/job-summary.js'
export { ERROR_CODES, type ErrorCode } from './errors/codes.js'
export {
  InvalidArgumentError,
  InvalidTransitionError,
  isJobledgerError,
  JobledgerError,
  NotFoundError,
  StoreUnavailableError,
} from './errors/jobledger-error.js'
export { Cleaner } from './facades/cleaner.js'
export type { PushEachResult, StopOptions } from './facades/job.js'
export { Job } from './facades/job.js'
export type { JobListing, ListOptions, ListResult, UnitListing } from './facades/listing.js'
export type { DashboardAuth } from './http/auth.js'
export { createDashboard, type Dashboard, type DashboardOptions } from './http/dashboard.js'
export { ERROR_STATUS, type ErrorBody, type HttpErrorCode } from './http/error-status.js'
export type { LiveHubOptions } from './http/live/live-hub.js'
export { dashboardListener } from './http/node-listener.js'
export {
  isLoopback,
  type ServeDashboardOptions,
  type ServedDashboard,
  serveDashboard,
} from './http/serve.js'
export { createLedger, type JobOptions, Ledger, type LedgerOptions } from './ledger.js'
export type { PartFailure } from './store/job-store.js'
export type { Store } from './store/store.js'
export { ManualClock } from './stores/memory/clock.js'
export { createMemoryStore, type MemoryStoreOptions } from './stores/memory/memory-store.js'
