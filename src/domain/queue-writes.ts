import type { QueuePolicy } from './policy.js'
import type { QueueItemUnit, QueueUnit } from './queue-records.js'
import { refusalCode } from './refusals.js'

/*
 * The write rules of a tracked queue's items, once for every store (the queue scripts in
 * stores/redis/lua translate them; include queue-item holds the shared parts). See the state
 * machine in queue-item.ts. The policy is always the queue's own (QueueUnit.policy), never a
 * handle's. A transition refuses with a code of domain/refusals.ts before changing anything;
 * a settle or retry repeated with the op that made it answers the item as it is (`repeat`).
 */

export interface Refusal {
  refused: number
  /** Data the refusal carries, as its row in refusals.ts documents. */
  data: unknown[]
}

export type QueueSettlement = { to: 'finished'; result: string } | { to: 'failed'; errors: string }

export function refuse(name: 'INVALID_QUEUE_TRANSITION' | 'LEASE_LOST', datum: unknown): Refusal {
  return { refused: refusalCode(name), data: [datum] }
}

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && 'refused' in value
}

/** The queue a write creates: its policy from the creating write. */
export function newQueue(name: string, policy: QueuePolicy, op: string, now: number): QueueUnit {
  return { name, createdAt: now, createOp: op, seq: 0, policy: { ...policy } }
}

/** An explicit policy change (`queue.configure`): the given values replace the queue's. */
export function configureQueue(queue: QueueUnit, changes: Partial<QueuePolicy>): void {
  for (const [name, value] of Object.entries(changes)) {
    if (value !== undefined) queue.policy[name as keyof QueuePolicy] = value
  }
}

/** A new waiting item, with the queue's next id. */
export function pushItem(queue: QueueUnit, data: string, op: string, now: number): QueueItemUnit {
  queue.seq++
  return {
    id: String(queue.seq),
    state: 'waiting',
    data,
    outcome: null,
    createdAt: now,
    startedAt: null,
    finishedAt: null,
    attempts: 0,
    starts: 0,
    leaseUntil: null,
    retainUntil: null,
    createOp: op,
    popOp: null,
    lastOp: null,
  }
}

/** waiting → running: a new start (the fencing token), leased for the queue's leaseMs. */
export function startItem(item: QueueItemUnit, policy: QueuePolicy, op: string, now: number): void {
  item.state = 'running'
  item.startedAt = now
  item.attempts++
  item.starts++
  item.leaseUntil = now + policy.leaseMs
  item.popOp = op
}

/** Refuses an item that is not running, or whose current start is not `start` (null: any). */
export function refuseUnheld(item: QueueItemUnit, start: number | null): Refusal | null {
  if (item.state !== 'running') return refuse('INVALID_QUEUE_TRANSITION', item.state)
  if (start !== null && start !== item.starts) return refuse('LEASE_LOST', item.starts)
  return null
}

export function heartbeatItem(
  item: QueueItemUnit,
  start: number | null,
  policy: QueuePolicy,
  now: number,
): Refusal | number {
  const refused = refuseUnheld(item, start)
  if (refused) return refused
  item.leaseUntil = now + policy.leaseMs
  return item.leaseUntil
}

/** running → finished | failed, kept for the queue's retainMs. */
export function settleItem(
  item: QueueItemUnit,
  settlement: QueueSettlement,
  start: number | null,
  input: { op: string; policy: QueuePolicy; now: number },
): Refusal | 'repeat' | 'settled' {
  if (item.lastOp === input.op && item.state === settlement.to) return 'repeat'
  const refused = refuseUnheld(item, start)
  if (refused) return refused
  const outcome = settlement.to === 'finished' ? settlement.result : settlement.errors
  closeItem(item, settlement.to, outcome, input.policy, input.now)
  item.lastOp = input.op
  return 'settled'
}

/** finished | failed → waiting, attempts reset; `starts` is kept to fence earlier consumers. */
export function retryItem(item: QueueItemUnit, op: string): Refusal | 'repeat' | 'retried' {
  if (item.lastOp === op && item.state !== 'finished' && item.state !== 'failed') return 'repeat'
  if (item.state !== 'finished' && item.state !== 'failed')
    return refuse('INVALID_QUEUE_TRANSITION', item.state)
  Object.assign(item, {
    state: 'waiting',
    outcome: null,
    startedAt: null,
    finishedAt: null,
    attempts: 0,
    leaseUntil: null,
    retainUntil: null,
    lastOp: op,
  })
  return 'retried'
}

/** A running item whose lease ended: back to waiting, or failed once started maxAttempts times. */
export function reclaimItem(
  item: QueueItemUnit,
  policy: QueuePolicy,
  now: number,
): 'waiting' | 'failed' | null {
  if (item.state !== 'running' || (item.leaseUntil ?? 0) >= now) return null
  if (item.attempts >= policy.maxAttempts) {
    const errors = JSON.stringify([expiredLeaseMessage(policy, item.attempts)])
    closeItem(item, 'failed', errors, policy, now)
    return 'failed'
  }
  Object.assign(item, { state: 'waiting', leaseUntil: null, popOp: null })
  return 'waiting'
}

/** Whether a stored item still exists: finished and failed ones vanish when retention ends. */
export function isRetained(item: QueueItemUnit, now: number): boolean {
  return item.retainUntil === null || item.retainUntil > now
}

export function expiredLeaseMessage(policy: QueuePolicy, attempts: number): string {
  return `Lease of ${policy.leaseMs} ms expired without a heartbeat on attempt ${attempts} of ${policy.maxAttempts}; failed by the sweeper.`
}

function closeItem(
  item: QueueItemUnit,
  to: 'finished' | 'failed',
  outcome: string,
  policy: QueuePolicy,
  now: number,
): void {
  Object.assign(item, {
    state: to,
    outcome,
    finishedAt: now,
    leaseUntil: null,
    popOp: null,
    retainUntil: now + policy.retainMs,
  })
}
