import type { BullJobLike } from './bullmq-types.js'

/** Errors a processor throws to move its job (delay, wait for children, rate limit), not to fail it. */
const MOVE_SIGNALS = new Set(['DelayedError', 'WaitingError', 'WaitingChildrenError'])
const RATE_LIMITED = 'bullmq:rateLimitExceeded'

/** True when BullMQ will move the job on rather than count a failed attempt. */
export function isMoveSignal(error: unknown): boolean {
  const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown }
  return (typeof name === 'string' && MOVE_SIGNALS.has(name)) || message === RATE_LIMITED
}

/**
 * True when BullMQ will run the job again after this attempt failed with `error`: attempts
 * left (attemptsMade counts failures before this one) and not an UnrecoverableError. BullMQ
 * also stops on `maxStartedAttempts` and on a backoff strategy that answers -1: a processor
 * cannot see those, so use attempts alone to bound retries of tracked jobs.
 */
export function willRetry(job: BullJobLike<unknown>, error: unknown): boolean {
  if ((error as { name?: unknown } | null)?.name === 'UnrecoverableError') return false
  return job.attemptsMade + 1 < (job.opts.attempts ?? 1)
}
