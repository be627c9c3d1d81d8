import { validateId } from '../../domain/ids.js'
import { InvalidArgumentError, isJobledgerError } from '../../errors/jobledger-error.js'
import type { QueueItem } from '../../facades/queue-item.js'
import type { Ledger } from '../../ledger.js'
import { displayValue } from '../pages/components.js'
import type { LiveSource } from './live-source.js'

/** `queue:<name>`: the queue's counts by state; null once it is gone. */
export function queueLiveSource(ledger: Ledger): LiveSource {
  return {
    name: 'queue',
    validate: (name) => void validateId(name, 'queue name'),
    read: async (names) => {
      const summaries = await Promise.all(names.map((name) => ledger.queue(name).summary()))
      return summaries.map((summary) => summary?.counts ?? null)
    },
  }
}

export interface QueueItemView {
  state: string
  attempts: number
  errors: string
  result: string
  createdAt: number
  startedAt: number | null
  finishedAt: number | null
  leaseUntil: number | null
}

export function queueItemView(item: QueueItem): QueueItemView {
  return {
    state: item.state,
    attempts: item.attempts,
    errors: (item.errors ?? []).map(displayValue).join('\n') || '—',
    result: displayValue(item.result),
    createdAt: item.createdAt,
    startedAt: item.startedAt,
    finishedAt: item.finishedAt,
    leaseUntil: item.leaseUntil,
  }
}

/** `queue-item:["<queue>","<id>"]`: one item's state, attempts, errors and times; null once gone. */
export function queueItemLiveSource(ledger: Ledger): LiveSource {
  return {
    name: 'queue-item',
    validate: (key) => void parseItemKey(key),
    read: (keys) =>
      Promise.all(
        keys.map(async (key) => {
          const [queue, id] = parseItemKey(key)
          try {
            return queueItemView(await ledger.queue(queue).get(id))
          } catch (error) {
            if (isJobledgerError(error) && error.code === 'NOT_FOUND') return null
            throw error
          }
        }),
      ),
  }
}

export function queueItemKey(queue: string, id: string): string {
  return `queue-item:${JSON.stringify([queue, id])}`
}

function parseItemKey(key: string): [string, string] {
  let parsed: unknown
  try {
    parsed = JSON.parse(key)
  } catch {
    parsed = null
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || !parsed.every((p) => typeof p === 'string'))
    throw new InvalidArgumentError('A queue item key is queue-item:["<queue>","<item id>"].')
  return [validateId(parsed[0], 'queue name'), validateId(parsed[1], 'item id')]
}
