import { validateBatchIndex } from '../domain/batch-items.js'
import { newToken, validateId } from '../domain/ids.js'
import { optionsOf } from '../domain/options.js'
import { InvalidArgumentError } from '../errors/jobledger-error.js'
import { Batch } from './batch.js'
import { creationCallbacksOf } from './callback-registration.js'
import { Job } from './job.js'
import {
  checkHandleTtl,
  existingJobRef,
  type JobHandleOptions,
  type JobOptions,
  jobCreationOf,
} from './job-options.js'
import type { LedgerCore } from './ledger-core.js'
import { Tracker, type TrackerOptions } from './tracker.js'

/** `ledger.job(token, options)`: every option checked before the handle exists. */
export function openJob(core: LedgerCore, token: string | undefined, options: JobOptions): Job {
  const creation = jobCreationOf(options, core.defaults.job)
  const id = token === undefined ? newToken() : validateId(token, 'token')
  const given = optionsOf(options, 'job options').callbacks
  return new Job(core, { id, creation }, creationCallbacksOf(given, core.callbacks))
}

/** `ledger.batch(token, index)`: a handle on an existing job's batch. */
export function openBatch(
  core: LedgerCore,
  token: string,
  index: number,
  options: JobHandleOptions,
): Batch {
  checkHandleTtl(options, 'batch options')
  const ref = existingJobRef(token, core.defaults.job)
  return new Batch(core, ref, validateBatchIndex(index))
}

/** `ledger.tracker(options)`: a tracker for one batch of an existing job. */
export function openTracker<R>(core: LedgerCore, options: TrackerOptions<R>): Tracker<R> {
  if (typeof options !== 'object' || options === null)
    throw new InvalidArgumentError('tracker needs options { job, batch }.')
  checkHandleTtl({ ttl: options.ttl }, 'tracker options')
  const ref = existingJobRef(options.job, core.defaults.job)
  return new Tracker(core, ref, validateBatchIndex(options.batch), options)
}
