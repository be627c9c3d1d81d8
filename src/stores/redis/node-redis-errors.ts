import { JobledgerError, StoreUnavailableError } from '../../errors/jobledger-error.js'

/** Errors node-redis raises before a command reaches the socket: nothing was sent. */
const NOT_SENT = new Set(['ClientClosedError', 'ClientOfflineError', 'ConnectionTimeoutError'])

function hasClassNamed(error: unknown, names: ReadonlySet<string> | string): boolean {
  const wanted = typeof names === 'string' ? new Set([names]) : names
  for (let proto = Object.getPrototypeOf(error); proto; proto = Object.getPrototypeOf(proto)) {
    if (wanted.has((proto as { constructor?: { name?: string } }).constructor?.name ?? ''))
      return true
  }
  return false
}

/** A reply error from Redis itself (node-redis's ErrorReply and its subclasses). */
export function isNodeRedisReplyError(error: unknown): error is Error {
  return error instanceof Error && hasClassNamed(error, 'ErrorReply')
}

export function isNoScript(error: unknown): boolean {
  return isNodeRedisReplyError(error) && error.message.startsWith('NOSCRIPT')
}

/** Raised by the driver when a connection is not ready by the call's deadline (nothing sent). */
export class NotReadyError extends Error {
  constructor(timeoutMs: number) {
    super(`no connection within ${timeoutMs} ms`)
    this.name = 'NotReadyError'
  }
}

/** Raised by the driver when a written command got no reply by the call's deadline. */
export class NoReplyError extends Error {
  constructor(timeoutMs: number) {
    super(`no reply within ${timeoutMs} ms`)
    this.name = 'NoReplyError'
  }
}

export interface FailedCall {
  error: unknown
  /** What was called, for the message: a script or command name. */
  what: string
  address: string
  /** True once the command was handed to the connection (it may have reached Redis). */
  sent: boolean
  timeoutMs: number
}

/** Replies with which Redis refuses to run a command now: it did not run, try again later. */
const REFUSALS = ['LOADING', 'BUSY', 'MASTERDOWN', 'CLUSTERDOWN', 'TRYAGAIN', 'READONLY']

function isRefusal(error: Error): boolean {
  return REFUSALS.includes(error.message.split(' ', 1)[0] ?? '')
}

/**
 * The one mapping from node-redis errors to jobledger's: a Redis reply error is INTERNAL (the
 * store sent something Redis refused), a refusal (LOADING, BUSY, …) or anything else
 * STORE_UNAVAILABLE, with `details.ambiguous` true when the command was sent and no reply came,
 * so it may have run.
 */
export function nodeRedisError({ error, what, address, sent, timeoutMs }: FailedCall): Error {
  if (error instanceof JobledgerError) return error
  if (isNodeRedisReplyError(error) && !isRefusal(error)) {
    return new JobledgerError('INTERNAL', `Redis rejected ${what}: ${error.message}`, {
      cause: error,
    })
  }
  const notSent =
    error instanceof NotReadyError || hasClassNamed(error, NOT_SENT) || isNodeRedisReplyError(error)
  const reason = hasClassNamed(error, 'TimeoutError')
    ? `no reply within ${timeoutMs} ms`
    : error instanceof Error
      ? error.message
      : String(error)
  return unavailable(address, what, error, reason, sent && !notSent)
}

function unavailable(
  address: string,
  what: string,
  cause: unknown,
  reason: string,
  ambiguous: boolean,
): StoreUnavailableError {
  const message = ambiguous
    ? `Redis at ${address} did not answer ${what} (${reason}), so it may or may not have run; check that Redis runs and is reachable, and retry only what is safe to repeat.`
    : `Redis at ${address} is unreachable (${reason}); check that it runs and the URL is right.`
  return new StoreUnavailableError(message, {
    cause,
    details: { address, command: what, ambiguous },
  })
}
