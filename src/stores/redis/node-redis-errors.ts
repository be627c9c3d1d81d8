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

export interface FailedCall {
  error: unknown
  /** What was called, for the message: a script or command name. */
  what: string
  address: string
  /** True once the command was handed to the connection (it may have reached Redis). */
  sent: boolean
  timeoutMs: number
}

/**
 * The one mapping from node-redis errors to jobledger's: a Redis reply error is INTERNAL (the
 * store sent something Redis refused), anything else STORE_UNAVAILABLE with
 * `details.ambiguous` true when the command may have run and its reply never came.
 */
export function nodeRedisError({ error, what, address, sent, timeoutMs }: FailedCall): Error {
  if (error instanceof JobledgerError) return error
  if (isNodeRedisReplyError(error)) {
    return new JobledgerError('INTERNAL', `Redis rejected ${what}: ${error.message}`, {
      cause: error,
    })
  }
  const notSent = error instanceof NotReadyError || hasClassNamed(error, NOT_SENT)
  const ambiguous = sent && !notSent
  const timedOut = hasClassNamed(error, 'TimeoutError')
  const reason = timedOut
    ? `no reply to ${what} within ${timeoutMs} ms`
    : (error as Error)?.message || String(error)
  return new StoreUnavailableError(
    `Redis at ${address} is unreachable (${reason}); check that it runs and the URL is right.` +
      (ambiguous ? ' The command may have run: check before repeating it.' : ''),
    { cause: error, details: { address, ambiguous } },
  )
}
