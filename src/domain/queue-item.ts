/**
 * The tracked-queue state machine, in one place:
 *
 *   createAndPush ─► waiting ──popAndStart──► running ──finish──► finished
 *                      ▲                        │ └────fail────► failed
 *                      │◄── lease expired ──────┘  (after maxAttempts: ► failed)
 *                      └────────── retry ◄──────── finished | failed
 *
 * Any other transition is refused with INVALID_TRANSITION and changes nothing.
 * Finished and failed items are kept `retainMs`, then vanish from get, list and counts.
 */
export const QUEUE_STATES = ['waiting', 'running', 'finished', 'failed'] as const

export type QueueState = (typeof QUEUE_STATES)[number]

/** How many items are in each state (finished/failed: only those still retained). */
export interface QueueCounts {
  waiting: number
  running: number
  finished: number
  failed: number
}

/** Names one item of a tracked queue (a `StartedItem` is one). */
export interface QueueItemRef {
  queue: string
  id: string
}

/** A state change as delivered to every `stateChanged` listener. */
export interface QueueStateChange {
  queue: string
  id: string
  /** null when the item was just created. */
  from: QueueState | null
  /** null when the item was deleted. */
  to: QueueState | null
  /** When the change happened, ms since the epoch. */
  at: number
}

/** The event topic of a queue's state changes. */
export function queueTopic(name: string): string {
  return `queue:${name}`
}
