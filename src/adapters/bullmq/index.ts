export { isMoveSignal, willRetry } from './attempts.js'
export { type BatchProcessorOptions, type BatchResult, batchProcessor } from './batch-processor.js'
export type {
  BullBulkQueueLike,
  BullJobLike,
  BullJobOptions,
  BullProcessedJobLike,
  BullProcessor,
  BullQueueLike,
} from './bullmq-types.js'
export { bullmqDispatch, bullmqJobId } from './dispatch.js'
export { type FanOutOptions, fanOut } from './fan-out.js'
export { type FanOutBatchesOptions, fanOutBatches } from './fan-out-batches.js'
export type { FanOutCommon } from './fan-out-options.js'
export type { BatchJobData, FanOutJobData } from './job-data.js'
export type { LastPart, PartOutcome } from './last-part.js'
export { stagedJobProcessor } from './staged-job-processor.js'
export { type StatusProcessorOptions, statusProcessor } from './status-processor.js'
export {
  STOPPED_REASON,
  type TrackedContext,
  type TrackedProcessorOptions,
  type TrackedResult,
  trackedProcessor,
} from './tracked-processor.js'
