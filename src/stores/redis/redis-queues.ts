import type { QueueState } from '../../domain/queue-item.js'
import { queueTopic } from '../../domain/queue-item.js'
import type {
  CreateAndPushResult,
  QueueItemRecord,
  QueueItemsPage,
  QueueRef,
  QueueSettlement,
  QueueStore,
  QueueSummary,
  ReclaimResult,
  SettleResult,
} from '../../store/queue-store.js'
import type { RedisDriver } from './driver.js'
import type { QueueKeys, RedisKeys } from './keys.js'
import { acceptQueueReply, toQueueRecord } from './redis-queue-replies.js'
import { RedisQueueWaiter } from './redis-queue-waiter.js'
import { integers } from './replies.js'
import { SCRIPTS } from './scripts.generated.js'

const RECLAIM_BATCH = 100

/** Tracked queues in Redis: every write one script that also publishes its state change. */
export class RedisQueueStore implements QueueStore {
  readonly #driver: RedisDriver
  readonly #keys: RedisKeys
  readonly #now: () => number
  readonly #waiter: RedisQueueWaiter

  constructor(driver: RedisDriver, keys: RedisKeys, now: () => number) {
    this.#driver = driver
    this.#keys = keys
    this.#now = now
    this.#waiter = new RedisQueueWaiter(driver)
  }

  async createAndPush(queue: QueueRef, data: string): Promise<CreateAndPushResult> {
    const k = this.#keys.queue(queue.name)
    const now = this.#now()
    const reply = (await this.#driver.runScript(
      SCRIPTS.createAndPush,
      [k.meta, k.items, k.data, k.waiting, k.signal],
      [data, now, ...this.#event(queue.name)],
    )) as [string, number]
    return { id: String(reply[0]), created: reply[1] === 1, createdAt: now }
  }

  async popAndStart(queue: QueueRef): Promise<QueueItemRecord | null> {
    const k = this.#keys.queue(queue.name)
    const reply = (await this.#driver.runScript(
      SCRIPTS.popAndStart,
      [k.items, k.data, k.waiting, k.running, k.signal],
      [this.#now(), queue.leaseMs, ...this.#event(queue.name)],
    )) as unknown[]
    return reply[0] === 1 ? toQueueRecord(reply[1], reply[2], reply[3], '') : null
  }

  waitForItem(queue: string, timeoutMs: number, signal: AbortSignal): Promise<void> {
    return this.#waiter.wait(this.#keys.queue(queue).signal, timeoutMs, signal)
  }

  async settle(
    queue: QueueRef,
    id: string,
    start: number | null,
    settlement: QueueSettlement,
    popNext: boolean,
  ): Promise<SettleResult> {
    const k = this.#keys.queue(queue.name)
    const outcome = settlement.to === 'finished' ? settlement.result : settlement.errors
    const reply = await this.#driver.runScript(
      SCRIPTS.settleItem,
      [k.items, k.data, k.outcome, k.running, k.finished, k.failed, k.waiting, k.signal],
      [
        id,
        settlement.to,
        outcome,
        start ?? '',
        this.#now(),
        queue.retainMs,
        ...this.#event(queue.name),
        popNext ? queue.leaseMs : '',
      ],
    )
    const action = settlement.to === 'finished' ? 'finish' : 'fail'
    const fields = acceptQueueReply(reply, { queue: queue.name, id, action, start })
    const item = toQueueRecord(fields[1], fields[2], fields[3], fields[4])
    const next = fields.length > 5 ? toQueueRecord(fields[5], fields[6], fields[7], '') : null
    return { item, next }
  }

  async heartbeat(queue: QueueRef, id: string, start: number | null): Promise<number> {
    const k = this.#keys.queue(queue.name)
    const reply = await this.#driver.runScript(
      SCRIPTS.heartbeatItem,
      [k.items, k.running],
      [id, start ?? '', this.#now(), queue.leaseMs],
    )
    const context = { queue: queue.name, id, action: 'heartbeat', start }
    return Number(acceptQueueReply(reply, context)[1])
  }

  async retry(queue: QueueRef, id: string): Promise<QueueItemRecord> {
    const k = this.#keys.queue(queue.name)
    const reply = await this.#driver.runScript(
      SCRIPTS.retryItem,
      [k.items, k.data, k.outcome, k.waiting, k.finished, k.failed, k.signal],
      [id, this.#now(), ...this.#event(queue.name)],
    )
    const context = { queue: queue.name, id, action: 'retry', start: null }
    const [, ...fields] = acceptQueueReply(reply, context)
    return toQueueRecord(fields[0], fields[1], fields[2], '')
  }

  async deleteItem(queue: string, id: string): Promise<void> {
    const k = this.#keys.queue(queue)
    const reply = await this.#driver.runScript(
      SCRIPTS.deleteItem,
      [k.items, k.data, k.outcome, k.waiting, k.running, k.finished, k.failed],
      [id, this.#now(), ...this.#event(queue)],
    )
    acceptQueueReply([reply], { queue, id, action: 'delete', start: null })
  }

  async reclaimExpired(queue: QueueRef): Promise<ReclaimResult> {
    const k = this.#keys.queue(queue.name)
    const total = { requeued: 0, failed: 0 }
    for (let more = true; more; ) {
      const reply = await this.#driver.runScript(
        SCRIPTS.reclaimExpired,
        [k.items, k.data, k.outcome, k.waiting, k.running, k.finished, k.failed, k.signal],
        [
          this.#now(),
          queue.maxAttempts,
          queue.retainMs,
          RECLAIM_BATCH,
          ...this.#event(queue.name),
          queue.leaseMs,
        ],
      )
      const [requeued = 0, failed = 0, next] = integers(reply, 'reclaim-expired')
      total.requeued += requeued
      total.failed += failed
      more = next === 1
    }
    return total
  }

  async getItem(queue: string, id: string): Promise<QueueItemRecord | null> {
    const k = this.#keys.queue(queue)
    const reply = (await this.#driver.runScript(
      SCRIPTS.getItem,
      [k.items, k.data, k.outcome],
      [id, this.#now()],
    )) as unknown[]
    return reply[0] === 1 ? toQueueRecord(reply[1], reply[2], reply[3], reply[4]) : null
  }

  async summary(queue: string): Promise<QueueSummary | null> {
    const k = this.#keys.queue(queue)
    const reply = await this.#driver.runScript(
      SCRIPTS.queueCounts,
      [k.meta, k.waiting, k.running, k.finished, k.failed],
      [this.#now()],
    )
    const values = integers(reply, 'queue-counts')
    if (values.length === 0) return null
    const [createdAt = 0, waiting = 0, running = 0, finished = 0, failed = 0] = values
    return { createdAt, counts: { waiting, running, finished, failed } }
  }

  async listItems(
    queue: string,
    state: QueueState,
    offset: number,
    limit: number,
  ): Promise<QueueItemsPage> {
    const k = this.#keys.queue(queue)
    const reply = (await this.#driver.runScript(
      SCRIPTS.listItems,
      [k.items, k.data, k.outcome, indexOf(k, state)],
      [state, offset, limit, this.#now()],
    )) as unknown[]
    const items: QueueItemRecord[] = []
    for (let i = 1; i + 3 < reply.length; i += 4) {
      items.push(toQueueRecord(reply[i], reply[i + 1], reply[i + 2], reply[i + 3]))
    }
    const next = Number(reply[0])
    return { items, cursor: next < 0 ? null : next }
  }

  close(): Promise<void> {
    return this.#waiter.close()
  }

  #event(queue: string): string[] {
    return [this.#keys.channel(queueTopic(queue)), queue]
  }
}

function indexOf(keys: QueueKeys, state: QueueState): string {
  return keys[state]
}
