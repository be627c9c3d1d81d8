import { InvalidTransitionError } from '../errors/jobledger-error.js'

/** Thrown by every store when a batch's reserved part was already pushed with push(). */
export function batchPartTakenError(token: string, part: string): InvalidTransitionError {
  return new InvalidTransitionError(
    `Job ${token} already has a part ${part} pushed with push(); parts batch-<n> are reserved for batches, so name pushed parts differently.`,
    { details: { token, part } },
  )
}
