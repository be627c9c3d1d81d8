import { InvalidArgumentError } from '../../errors/jobledger-error.js'
import type { Dispatch, StagedJobPayload } from '../../facades/stage-payload.js'
import type { BullJobOptions, BullQueueLike } from './bullmq-types.js'

/**
 * A `dispatch` for createLedger that adds each staged job to a BullMQ queue, named after the
 * staged job, with the payload as data and a staged delay as BullMQ's `delay`.
 *
 * @example
 * const queue = new Queue('pipeline', { connection })
 * const ledger = createLedger({ redis, dispatch: bullmqDispatch(queue, { attempts: 3 }) })
 */
export function bullmqDispatch(
  queue: BullQueueLike<StagedJobPayload>,
  options: BullJobOptions = {},
): Dispatch {
  if (typeof queue?.add !== 'function')
    throw new InvalidArgumentError('bullmqDispatch needs a BullMQ Queue.')
  return (payload: StagedJobPayload) =>
    queue.add(
      payload.name,
      payload,
      payload.delayMs ? { ...options, delay: payload.delayMs } : options,
    )
}
