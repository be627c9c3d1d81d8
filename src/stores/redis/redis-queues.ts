import type { QueuePolicy } from '../../domain/policy.js'
import type { QueueState } from '../../domain/queue-item.js'
import { queueTopic } from '../../domain/queue-item.js'
import type {
  ConfigureResult,
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
import type { RedisDriver, ScriptDefinition } from './driver.js'
import type { RedisKeys } from './keys.js'
import { acceptQueueReply, toQueueRecord } from './redis-queue-replies.js'
import { RedisQueueWaiter } from './redis-queue-waiter.js'
import { integers } from './replies.js'
import type { ScriptClock } from './script-clock.js'
import { SCRIPTS } from './scripts.generated.js'

const RECLAIM_BATCH = 100

/**
 * Tracked queues in Redis: every write one script over the queue's nine keys
 * (RedisKeys.queueKeyList), judged by the store's clock, that also publishes its state change.
 */
export class RedisQueueStore implements QueueStore {
  readonly #driver: RedisDriver
  readonly #keys: RedisKeys
  readonly #clock: ScriptClock
  readonly #waiter: RedisQueueWaiter

  constructor(driver: RedisDriver, keys: RedisKeys, clock: ScriptClock) {
    this.#driver = driver
    this.#keys = keys
    this.#clock = clock
    this.#waiter = new RedisQueueWaiter(driver)
  }

  async createAndPush(queue: QueueRef, data: string, op: string): Promise<CreateAndPushResult> {
    const { leaseMs, retainMs, maxAttempts } = queue.creation
    const reply = (await this.#run(SCRIPTS.createAndPush, queue.name, [
      op,
      data,
      ...this.#event(queue.name),
      leaseMs,
      retainMs,
      maxAttempts,
    ])) as [string, number, number]
    return { id: String(reply[0]), created: reply[1] === 1, createdAt: Number(reply[2]) }
  }

  async popAndStart(queue: string, op: string): Promise<QueueItemRecord | null> {
    const reply = (await this.#run(SCRIPTS.popAndStart, queue, [
      op,
      ...this.#event(queue),
    ])) as unknown[]
    return reply[0] === 1 ? toQueueRecord(reply[1], reply[2], reply[3], '') : null
  }

  waitForItem(queue: string, timeoutMs: number, signal: AbortSignal): Promise<void> {
    return this.#waiter.wait(this.#keys.queue(queue).signal, timeoutMs, signal)
  }

  async settle(
    queue: string,
    id: string,
    start: number | null,
    settlement: QueueSettlement,
    op: string,
    popNext: boolean,
  ): Promise<SettleResult> {
    const outcome = settlement.to === 'finished' ? settlement.result : settlement.errors
    const reply = await this.#run(SCRIPTS.settleItem, queue, [
      op,
      id,
      settlement.to,
      outcome,
      start ?? '',
      ...this.#event(queue),
      popNext ? '1' : '',
    ])
    const action = settlement.to === 'finished' ? 'finish' : 'fail'
    const fields = acceptQueueReply(reply, { queue, id, action, start })
    const item = toQueueRecord(fields[1], fields[2], fields[3], fields[4])
    const next = fields.length > 5 ? toQueueRecord(fields[5], fields[6], fields[7], '') : null
    return { item, next }
  }

  async heartbeat(queue: string, id: string, start: number | null, op: string): Promise<number> {
    const reply = await this.#run(SCRIPTS.heartbeatItem, queue, [op, id, start ?? ''])
    return Number(acceptQueueReply(reply, { queue, id, action: 'heartbeat', start })[1])
  }

  async retry(queue: string, id: string, op: string): Promise<QueueItemRecord> {
    const reply = await this.#run(SCRIPTS.retryItem, queue, [op, id, ...this.#event(queue)])
    const fields = acceptQueueReply(reply, { queue, id, action: 'retry', start: null })
    return toQueueRecord(fields[1], fields[2], fields[3], '')
  }

  async deleteItem(queue: string, id: string, op: string): Promise<void> {
    const reply = await this.#run(SCRIPTS.deleteItem, queue, [op, id, ...this.#event(queue)])
    acceptQueueReply(reply, { queue, id, action: 'delete', start: null })
  }

  async reclaimExpired(queue: string, op: string): Promise<ReclaimResult> {
    const total = { requeued: 0, failed: 0 }
    for (let more = true; more; ) {
      const reply = await this.#run(SCRIPTS.reclaimExpired, queue, [
        op,
        RECLAIM_BATCH,
        ...this.#event(queue),
      ])
      const [requeued = 0, failed = 0, next] = integers(reply, 'reclaim-expired')
      total.requeued += requeued
      total.failed += failed
      more = next === 1
    }
    return total
  }

  async configure(
    queue: QueueRef,
    changes: Partial<QueuePolicy>,
    op: string,
  ): Promise<ConfigureResult> {
    const { leaseMs, retainMs, maxAttempts } = queue.creation
    const reply = await this.#run(SCRIPTS.configureQueue, queue.name, [
      op,
      leaseMs,
      retainMs,
      maxAttempts,
      changes.leaseMs ?? '',
      changes.retainMs ?? '',
      changes.maxAttempts ?? '',
    ])
    const [created, createdAt = 0, lease = 0, retain = 0, attempts = 0] = integers(
      reply,
      'configure-queue',
    )
    const policy = { leaseMs: lease, retainMs: retain, maxAttempts: attempts }
    return { created: created === 1, createdAt, policy }
  }

  async getItem(queue: string, id: string): Promise<QueueItemRecord | null> {
    const reply = (await this.#run(SCRIPTS.getItem, queue, [id])) as unknown[]
    return reply[0] === 1 ? toQueueRecord(reply[1], reply[2], reply[3], reply[4]) : null
  }

  async summary(queue: string): Promise<QueueSummary | null> {
    const values = integers(await this.#run(SCRIPTS.queueCounts, queue, []), 'queue-counts')
    if (values.length === 0) return null
    const [createdAt = 0, waiting = 0, running = 0, finished = 0, failed = 0] = values
    const [leaseMs = 0, retainMs = 0, maxAttempts = 0] = values.slice(5)
    return {
      createdAt,
      counts: { waiting, running, finished, failed },
      policy: { leaseMs, retainMs, maxAttempts },
    }
  }

  async listItems(
    queue: string,
    state: QueueState,
    offset: number,
    limit: number,
  ): Promise<QueueItemsPage> {
    const reply = (await this.#run(SCRIPTS.listItems, queue, [state, offset, limit])) as unknown[]
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

  /** One call of a queue script: the queue's keys, the clock argument, then `args`. */
  #run(script: ScriptDefinition, queue: string, args: (string | number)[]): Promise<unknown> {
    return this.#driver.runScript(script, this.#keys.queueKeyList(queue), [
      this.#clock.arg(),
      ...args,
    ])
  }

  /** The event channel and the queue's name JSON-encoded, as the scripts' notices carry it. */
  #event(queue: string): string[] {
    return [this.#keys.channel(queueTopic(queue)), JSON.stringify(queue)]
  }
}
