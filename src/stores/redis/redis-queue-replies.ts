import type { QueueState } from '../../domain/queue-item.js'
import { isRefusalCode, type RefusalContext, refusalError } from '../../domain/refusals.js'
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

export interface ItemContext {
  queue: string
  id: string
  action: string
  start: number | null
}

/**
 * Turns a script's refusal (a code of domain/refusals.ts, alone or first with its data) into
 * the error every store throws; returns the reply otherwise.
 */
export function acceptQueueReply(reply: unknown, context: ItemContext): unknown[] {
  const list = Array.isArray(reply) ? reply : [reply]
  const [code, ...data] = list
  if (isRefusalCode(code)) {
    const refusal: RefusalContext = {
      id: context.queue,
      itemId: context.id,
      action: context.action,
      data,
    }
    if (context.start !== null) refusal.start = context.start
    throw refusalError(code, refusal)!
  }
  if (typeof code !== 'number') {
    throw new JobledgerError('INTERNAL', `Queue ${context.action} got an unexpected reply.`, {
      details: { reply },
    })
  }
  return list
}
