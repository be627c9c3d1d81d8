export type { JobOutcome, JobState, JobSummary } from './domain/job-summary.js'
export {
  QUEUE_STATES,
  type QueueCounts,
  type QueueState,
  type QueueStateChange,
} from './domain/queue-item.js'
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
  QueueListing,
  UnitListing,
} from './facades/listing.js'
export {
  type PopOptions,
  Queue,
  type QueueListOptions,
  type QueueListResult,
  type QueueOptions,
} from './facades/queue.js'
export { type QueueItem, StartedItem } from './facades/queue-item.js'
export {
  type ItemHandler,
  type ProcessOptions,
  QueueProcessor,
} from './facades/queue-processor.js'
export { createLedger, type JobOptions, Ledger, type LedgerOptions } from './ledger.js'
export type { PartFailure } from './store/job-store.js'
export type { ReclaimResult } from './store/queue-store.js'
export type { Store } from './store/store.js'
export { ManualClock } from './stores/memory/clock.js'
export { createMemoryStore, type MemoryStoreOptions } from './stores/memory/memory-store.js'
