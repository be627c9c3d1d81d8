import type { StatusSnapshot } from '../domain/status-snapshot.js'
import { queueItemStatusId } from '../domain/unit-ref.js'
import type { QueueItem } from '../facades/queue-item.js'
import type { Ledger } from '../ledger.js'

/**
 * The status that reports on a queue item: the one with the id queueItemStatusId(item) whose
 * subject names this item (one read by id; a status of that id about anything else is not it).
 */
export async function itemStatusOf(
  ledger: Ledger,
  item: QueueItem,
): Promise<StatusSnapshot | null> {
  const snap = await ledger.getStatus(queueItemStatusId(item))
  const subject = snap?.subject
  const isIt =
    subject?.kind === 'queue-item' && subject.queue === item.queue && subject.id === item.id
  return isIt ? snap! : null
}
