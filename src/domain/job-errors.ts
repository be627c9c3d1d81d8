import { InvalidTransitionError } from '../errors/jobledger-error.js'

/** Thrown by every store when new parts are pushed into a job that was already closed. */
export function pushAfterCloseError(token: string): InvalidTransitionError {
  return new InvalidTransitionError(
    `Job ${token} is closed: push every part before close() (pushEach and pushInBatches do this for you).`,
    { details: { token } },
  )
}
