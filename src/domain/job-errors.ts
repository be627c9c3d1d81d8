import {
  InvalidArgumentError,
  InvalidTransitionError,
  NotFoundError,
} from '../errors/jobledger-error.js'

/** Thrown by every store when new parts are pushed into a job that was already closed. */
export function pushAfterCloseError(token: string): InvalidTransitionError {
  return new InvalidTransitionError(
    `Job ${token} is closed: push every part before close() (pushEach and pushInBatches do this for you).`,
    { details: { token } },
  )
}

/** Thrown by writes that need an existing job (setTtl). */
export function jobNotFoundError(token: string, action: string): NotFoundError {
  return new NotFoundError(
    `Job ${token} does not exist or has expired; nothing to ${action}. Push its parts first.`,
    { details: { token } },
  )
}

function scopeText(token: string, scope: string): string {
  return scope === '' ? `job ${token}` : `${scope.replace(':', ' ')} of job ${token}`
}

/** Thrown when a callback is registered on a signal that already fired. */
export function signalFiredError(
  token: string,
  scope: string,
  signal: string,
): InvalidTransitionError {
  return new InvalidTransitionError(
    `The ${signal} signal of ${scopeText(token, scope)} has already fired; register callbacks before it does (nothing was registered).`,
    { details: { token, scope, signal } },
  )
}

/** Thrown when a (scope, signal) already holds the most callbacks it may. */
export function callbacksFullError(
  token: string,
  scope: string,
  signal: string,
): InvalidArgumentError {
  return new InvalidArgumentError(
    `The ${signal} signal of ${scopeText(token, scope)} already has the most callbacks it may hold; register one callback that does several things (nothing was registered).`,
    { details: { token, scope, signal } },
  )
}
