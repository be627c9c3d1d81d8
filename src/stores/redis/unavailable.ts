import { JobledgerError, StoreUnavailableError } from '../../errors/jobledger-error.js'

/**
 * STORE_UNAVAILABLE for a call Redis did not answer. `ambiguous` says whether the command may
 * have run: true when it was written to the socket and no reply came (a timeout, a reset after
 * sending), false when it never left (refused, not connected). Only an unambiguous failure is
 * always safe to retry.
 */
export function unavailableError(
  address: string,
  what: string,
  cause: unknown,
  ambiguous: boolean,
): StoreUnavailableError {
  const reason = cause instanceof Error ? cause.message : String(cause)
  const message = ambiguous
    ? `Redis at ${address} did not answer ${what} (${reason}), so it may or may not have run; check that Redis runs and is reachable, and retry only what is safe to repeat.`
    : `Redis at ${address} is unreachable (${reason}); check that it runs and the URL is right.`
  return new StoreUnavailableError(message, {
    cause,
    details: { address, command: what, ambiguous },
  })
}

export function closedError(): JobledgerError {
  return new JobledgerError(
    'CLOSED',
    `This ledger's Redis connection is closed; create a new ledger to go on.`,
  )
}

/** Replies with which Redis refuses to run a command now: it did not run, try again later. */
const REFUSALS = ['LOADING', 'BUSY', 'MASTERDOWN', 'CLUSTERDOWN', 'TRYAGAIN', 'READONLY']

export function isRefusalReply(error: Error): boolean {
  const code = error.message.split(' ', 1)[0] ?? ''
  return REFUSALS.includes(code)
}
