export { createLedger } from './create-ledger.js'
export type { ItemId } from './domain/batch-items.js'
export type { BatchView } from './domain/batch-record.js'
export { type Clock, ManualClock } from './domain/clock.js'
export type { ItemCounts } from './domain/job-status.js'
export type { JobOutcome, JobState, JobSummary } from './domain/job-summary.js'
export type { QueuePolicy, StatusPolicy } from './domain/policy.js'
export {
  QUEUE_STATES,
  type QueueCounts,
  type QueueItemRef,
  type QueueState,
  type QueueStateChange,
} from './domain/queue-item.js'
export type { Signal, SignalTimes } from './domain/signals.js'
export { MAX_FIELD_BYTES, RESERVED_FIELD_NAMES } from './domain/status-fields.js'
export { type FieldValue, type StatusJson, StatusSnapshot } from './domain/status-snapshot.js'
export { STATUS_STATES, type StatusState } from './domain/status-state.js'
export { describeUnitRef, queueItemStatusId, type UnitRef } from './domain/unit-ref.js'
export { ERROR_CODES, type ErrorCode } from './errors/codes.js'
export {
  InvalidArgumentError,
  InvalidTransitionError,
  isJobledgerError,
  JobledgerError,
  NotFoundError,
  StoreUnavailableError,
} from './errors/jobledger-error.js'
export type { AuditEntry } from './facades/audit.js'
export { Batch } from './facades/batch.js'
export {
  type CallbackPayload,
  callbackKey,
  isCallbackPayload,
} from './facades/callback-payload.js'
export type { RegisteredCallbacks } from './facades/callback-reads.js'
export type { CallbackInput, CreationCallbacks } from './facades/callback-registration.js'
export { CALLBACKS_ERROR } from './facades/callbacks.js'
export {
  Cleaner,
  type CleanupOrphansOptions,
  type CleanupOrphansResult,
} from './facades/cleaner.js'
export type {
  DiagnoseOptions,
  Diagnosis,
  Finding,
  FindingCode,
} from './facades/diagnose.js'
export { type CancelGroupOptions, Group, GroupHandle } from './facades/group.js'
export type { PushEachResult, StopOptions, StopResult } from './facades/job.js'
export { Job } from './facades/job.js'
export type {
  AddBatchesResult,
  AddBatchResult,
  JobReport,
  OutcomesOptions,
  OutcomesPage,
} from './facades/job-batches.js'
export type { FailuresOptions, FailuresPage } from './facades/job-failures.js'
export type {
  ListenerOptions,
  SignalEventName,
  SignalListener,
} from './facades/listeners.js'
export type {
  GroupListing,
  GroupWithStages,
  JobListing,
  ListingOf,
  ListingState,
  ListOptions,
  ListResult,
  QueueListing,
  StatusListing,
  UnitListing,
} from './facades/listing.js'
export { LISTING_STATES } from './facades/listing.js'
export {
  type PopOptions,
  Queue,
  type QueueListOptions,
  type QueueListResult,
  type QueueOptions,
  type QueueSummaryView,
} from './facades/queue.js'
export type {
  CleanOptions,
  CleanResult,
  QueueBulk,
  RetryFailedOptions,
  RetryFailedResult,
} from './facades/queue-bulk.js'
export { type QueueItem, type SettledAndNext, StartedItem } from './facades/queue-item.js'
export {
  type HandlerContext,
  type ItemHandler,
  type ProcessOptions,
  QueueProcessor,
  type StopProcessorOptions,
  type StopProcessorResult,
} from './facades/queue-processor.js'
export type { SignalEvent, SignalKind } from './facades/signal-notices.js'
export { Stage } from './facades/stage.js'
export type { Dispatch, DispatchPayload, StagedJobPayload } from './facades/stage-payload.js'
export { type RunOptions, StagedJob } from './facades/staged-job.js'
export type { GroupingOptions } from './facades/stages.js'
export {
  GROUP_COMPLETED,
  type GroupSummary,
  STAGES_ERROR,
  type StagesErrorContext,
} from './facades/stages-context.js'
export {
  Status,
  type StatusOptions,
  type StatusProgress,
  type StatusUpdate,
  type UpdateOptions,
} from './facades/status.js'
export type { SweeperOptions } from './facades/sweeper.js'
export type { TrackedError } from './facades/track.js'
export type { BatchReport, RecordResult, TrackerOptions } from './facades/tracker.js'
export { Tracker } from './facades/tracker.js'
export type { WaitUntilOptions } from './facades/wait-until.js'
export type { WatchOptions } from './facades/watch.js'
// The dashboard (createDashboard, serveDashboard, dashboardListener) is `jobledger/dashboard`;
// ERROR_STATUS stays here too: it loads nothing of the HTTP stack.
export { ERROR_STATUS, type ErrorBody, type HttpErrorCode } from './http/error-status.js'
export { type JobOptions, Ledger, type LedgerOptions } from './ledger.js'
export type { Logger } from './logger.js'
export type { CounterSample } from './observability/ledger-metrics.js'
export type {
  MeterLike,
  SpanLike,
  TelemetryOptions,
  TracerLike,
} from './observability/telemetry-types.js'
export type { OutcomeEntry, OutcomeKind } from './store/batch-store.js'
export type { FailedPartsPage, PartFailure } from './store/job-store.js'
export type { ReclaimResult } from './store/queue-store.js'
export type { RegistryNames, RegistryOrder } from './store/registry-store.js'
export type {
  GroupFailure,
  GroupPolicyRecord,
  GroupRecord,
  GroupStateName,
  StagedJobCounts,
  StagedJobError,
  StagedJobRecord,
  StagedJobStatus,
  StageRecord,
  StageStatus,
} from './store/stage-store.js'
export type { Store } from './store/store.js'
export { createMemoryStore, type MemoryStoreOptions } from './stores/memory/memory-store.js'
export type { ConnectionOptions } from './stores/redis/connection-options.js'
export { maskRedisUrl } from './stores/redis/redis-address.js'
