import { InvalidTransitionError, NotFoundError } from '../errors/jobledger-error.js'

/** Thrown by every store when a batch's reserved part was already pushed with push(). */
export function batchPartTakenError(token: string, part: string): InvalidTransitionError {
  return new InvalidTransitionError(
    `Job ${token} already has a part ${part} pushed with push(); parts batch-<n> are reserved for batches, so name pushed parts differently.`,
    { details: { token, part } },
  )
}

/** Thrown when a batch's items expired while its part is still open: nothing can be counted. */
export function batchItemsExpiredError(token: string, index: number): NotFoundError {
  return new NotFoundError(
    `Batch ${index} of job ${token} has expired; its items are gone and nothing was written. Its part stays open; give the job a ttl longer than the time between its writes.`,
    { details: { token, index } },
  )
}
