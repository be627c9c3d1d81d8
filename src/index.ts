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
export { createLedger, type JobOptions, Ledger, type LedgerOptions } from './ledger.js'
export type { PartFailure } from './store/job-store.js'
export type { Store } from './store/store.js'
export { ManualClock } from './stores/memory/clock.js'
export { createMemoryStore, type MemoryStoreOptions } from './stores/memory/memory-store.js'
export { maskRedisUrl } from './stores/redis/redis-address.js'
