import { InvalidArgumentError } from '../../errors/jobledger-error.js'
import type { CallbackPayload } from '../../facades/callback-payload.js'
import type { Dispatch, DispatchPayload, StagedJobPayload } from '../../facades/stage-payload.js'
import type { BullJobOptions, BullQueueLike } from './bullmq-types.js'

/**
 * A BullMQ job id for a callback's idempotency key. BullMQ refuses custom ids that contain
 * ':' or read as an integer, so '%' and ':' are percent-encoded: the id is one per key
 * (distinct keys never share an id), and starts with the unit's kind, never a digit.
 */
export function bullmqJobId(idempotencyKey: string): string {
  return idempotencyKey.replaceAll('%', '%25').replaceAll(':', '%3A')
}

function optionsFor(payload: DispatchPayload, options: BullJobOptions): BullJobOptions {
  if (payload.type === 'callback') return { ...options, jobId: bullmqJobId(payload.idempotencyKey) }
  return payload.delayMs ? { ...options, delay: payload.delayMs } : options
}

/**
 * A `dispatch` for createLedger that adds each staged job to a BullMQ queue, named after the
 * staged job, with the payload as data and a staged delay as BullMQ's `delay`. A durable
 * callback is added under its name with `jobId` made from its idempotency key, so a callback
 * dispatched again after a crash is dropped by BullMQ while the first job is still kept.
 *
 * @example
 * const queue = new Queue('pipeline', { connection })
 * const ledger = createLedger({ redis, dispatch: bullmqDispatch(queue, { attempts: 3 }) })
 */
export function bullmqDispatch(
  queue: BullQueueLike<StagedJobPayload | CallbackPayload>,
  options: BullJobOptions = {},
): Dispatch {
  if (typeof queue?.add !== 'function')
    throw new InvalidArgumentError('bullmqDispatch needs a BullMQ Queue.')
  return (payload: DispatchPayload) =>
    queue.add(payload.name, payload, optionsFor(payload, options))
}
