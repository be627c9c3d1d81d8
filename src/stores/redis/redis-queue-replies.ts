import { invalidQueueTransition, leaseLost, queueItemNotFound } from '../../domain/queue-errors.js'
import type { QueueState } from '../../domain/queue-item.js'
import { JobledgerError } from '../../errors/jobledger-error.js'
import type { QueueItemRecord } from '../../store/queue-store.js'

interface StoredRecord {
  state: QueueState
  createdAt: number
  startedAt?: number
  finishedAt?: number
  attempts: number
  starts?: number
  leaseUntil?: number
}

/** Builds a record from the id, record JSON, data and outcome ('' for none) a script returned. */
export function toQueueRecord(
  id: unknown,
  recordJson: unknown,
  data: unknown,
  outcome: unknown,
): QueueItemRecord {
  const stored = JSON.parse(String(recordJson)) as StoredRecord
  return {
    id: String(id),
    state: stored.state,
    data: String(data),
    outcome: typeof outcome === 'string' && outcome !== '' ? outcome : null,
    createdAt: stored.createdAt,
    startedAt: stored.startedAt ?? null,
    finishedAt: stored.finishedAt ?? null,
    attempts: stored.attempts,
    starts: stored.starts ?? stored.attempts,
    leaseUntil: stored.leaseUntil ?? null,
  }
}

export interface RefusalContext {
  queue: string
  id: string
  action: string
  start: number | null
}

/**
 * Turns a script's refusal code into the shared error: 0 unknown id, -1 wrong state,
 * -2 a later start holds the item. Returns the reply for codes >= 1.
 */
export function acceptQueueReply(reply: unknown, context: RefusalContext): unknown[] {
  if (!Array.isArray(reply) || typeof reply[0] !== 'number') {
    throw new JobledgerError('INTERNAL', `Queue ${context.action} got an unexpected reply.`, {
      details: { reply },
    })
  }
  const [code, detail] = reply
  if (code === 0) throw queueItemNotFound(context.queue, context.id)
  if (code === -1)
    throw invalidQueueTransition(context.queue, context.id, context.action, detail as QueueState)
  if (code === -2) throw leaseLost(context.queue, context.id, context.start ?? 0, Number(detail))
  return reply
}
