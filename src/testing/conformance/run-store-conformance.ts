import { describe } from 'vitest'
import { batchCompleteConformance } from './batches-complete.js'
import { batchExpiryConformance } from './batches-expiry.js'
import { batchInputConformance } from './batches-input.js'
import { batchItemsConformance } from './batches-items.js'
import { batchRaceConformance } from './batches-races.js'
import { batchTrackerConformance } from './batches-tracker.js'
import { callbackCreationConformance } from './callbacks-creation.js'
import { callbackDispatchConformance } from './callbacks-dispatch.js'
import { callbackListenerConformance } from './callbacks-listeners.js'
import { callbackNoDispatchConformance } from './callbacks-no-dispatch.js'
import { callbackRaceConformance } from './callbacks-races.js'
import { cleanerConformance } from './cleaner.js'
import { diagnoseConformance } from './diagnose.js'
import type { StoreHarness } from './harness.js'
import { jobCallbackConformance } from './jobs-callbacks.js'
import { jobFailuresConformance } from './jobs-failures.js'
import { jobInputConformance } from './jobs-input.js'
import { jobLifecycleConformance } from './jobs-lifecycle.js'
import { jobPartsConformance } from './jobs-parts.js'
import { jobPolicyConformance } from './jobs-policy.js'
import { jobPushEachConformance } from './jobs-push-each.js'
import { jobRaceConformance } from './jobs-races.js'
import { jobRepeatConformance } from './jobs-repeats.js'
import { jobSignalConformance } from './jobs-signals.js'
import { listingConformance } from './listing.js'
import { listingFiltersConformance } from './listing-filters.js'
import { nullOptionsConformance } from './options-null.js'
import { queueAbortConformance } from './queue-abort.js'
import { queueBasicsConformance } from './queue-basics.js'
import { queueBlockingConformance } from './queue-blocking.js'
import { queueBulkConformance } from './queue-bulk.js'
import { queueInputConformance } from './queue-input.js'
import { queueLeaseConformance } from './queue-leases.js'
import { queuePolicyConformance } from './queue-policy.js'
import { queuePopNextConformance } from './queue-pop-next.js'
import { queueProcessConformance } from './queue-process.js'
import { queueRaceConformance } from './queue-races.js'
import { queueRepeatConformance } from './queue-repeats.js'
import { stagesCallbacksConformance } from './stages-callbacks.js'
import { stagesCancelConformance } from './stages-cancel.js'
import { stagesCarrierConformance } from './stages-carrier.js'
import { stagesInputConformance } from './stages-input.js'
import { stagesLedgersConformance } from './stages-ledgers.js'
import { stagesOrphansConformance } from './stages-orphans.js'
import { stagesPipelineConformance } from './stages-pipeline.js'
import { stagesPolicyConformance } from './stages-policy.js'
import { stagesRaceConformance } from './stages-races.js'
import { stagesRepeatsConformance } from './stages-repeats.js'
import { stagesRunErrorsConformance } from './stages-run-errors.js'
import { stagesRunRepeatsConformance } from './stages-run-repeats.js'
import { stagesSignalsConformance } from './stages-signals.js'
import { statusInputConformance } from './status-input.js'
import { statusLifecycleConformance } from './status-lifecycle.js'
import { statusPolicyConformance } from './status-policy.js'
import { statusSubjectConformance } from './status-subject.js'
import { statusThrottleConformance } from './status-throttle.js'
import { statusWatchConformance } from './status-watch.js'
import { summariesCompactConformance } from './summaries-compact.js'
import { textInputConformance } from './text-input.js'

/**
 * The behaviour every store must have. A store is conformant when this whole suite passes
 * against it; a behaviour that is not here is not guaranteed.
 *
 * @example
 * // test/conformance.memory.test.ts
 * runStoreConformance({ name: 'memory', capabilities: { shared: false }, namespace: async () => … })
 */
export function runStoreConformance(harness: StoreHarness): void {
  describe(`store conformance: ${harness.name}`, () => {
    jobPartsConformance(harness)
    jobFailuresConformance(harness)
    jobPushEachConformance(harness)
    jobLifecycleConformance(harness)
    jobInputConformance(harness)
    jobPolicyConformance(harness)
    jobRepeatConformance(harness)
    jobSignalConformance(harness)
    jobCallbackConformance(harness)
    jobRaceConformance(harness)
    listingConformance(harness)
    listingFiltersConformance(harness)
    batchItemsConformance(harness)
    batchTrackerConformance(harness)
    batchInputConformance(harness)
    batchRaceConformance(harness)
    batchCompleteConformance(harness)
    batchExpiryConformance(harness)
    cleanerConformance(harness)
    stagesPipelineConformance(harness)
    stagesInputConformance(harness)
    stagesRaceConformance(harness)
    stagesOrphansConformance(harness)
    stagesRunErrorsConformance(harness)
    stagesLedgersConformance(harness)
    stagesPolicyConformance(harness)
    stagesRepeatsConformance(harness)
    stagesRunRepeatsConformance(harness)
    stagesSignalsConformance(harness)
    stagesCallbacksConformance(harness)
    stagesCancelConformance(harness)
    stagesCarrierConformance(harness)
    callbackDispatchConformance(harness)
    callbackCreationConformance(harness)
    callbackNoDispatchConformance(harness)
    callbackRaceConformance(harness)
    callbackListenerConformance(harness)
    diagnoseConformance(harness)
    summariesCompactConformance(harness)
    statusLifecycleConformance(harness)
    statusThrottleConformance(harness)
    statusPolicyConformance(harness)
    statusSubjectConformance(harness)
    statusInputConformance(harness)
    statusWatchConformance(harness)
    queueBasicsConformance(harness)
    queueBlockingConformance(harness)
    queueLeaseConformance(harness)
    queuePolicyConformance(harness)
    queueRepeatConformance(harness)
    queuePopNextConformance(harness)
    queueInputConformance(harness)
    queueRaceConformance(harness)
    queueProcessConformance(harness)
    queueBulkConformance(harness)
    queueAbortConformance(harness)
    nullOptionsConformance(harness)
    textInputConformance(harness)
  })
}
