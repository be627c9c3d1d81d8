export type { ItemCounts } from './domain/job-status.js'
export type { JobOutcome, JobState, JobSummary } from './domain/job-summary.js'
export { MAX_FIELD_BYTES, RESERVED_FIELD_NAMES } from './domain/status-fields.js'
export { type FieldValue, type StatusJson, StatusSnapshot } from './domain/status-snapshot.js'
export { STATUS_STATES, type StatusState } from './domain/status-state.js'
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
export type {
  JobListing,
  ListOptions,
  ListResult,
  StatusListing,
  UnitListing,
} from './facades/listing.js'
export {
  Status,
  type StatusOptions,
  type StatusProgress,
  type StatusUpdate,
  type UpdateOptions,
} from './facades/status.js'
export type { TrackedError } from './facades/track.js'
export type { WatchOptions } from './facades/watch.js'
export { createLedger, type JobOptions, Ledger, type LedgerOptions } from './ledger.js'
export type { PartFailure } from './store/job-store.js'
export type { Store } from './store/store.js'
export { ManualClock } from './stores/memory/clock.js'
export { createMemoryStore, type MemoryStoreOptions } from './stores/memory/memory-store.js'
