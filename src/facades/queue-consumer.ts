import type { OpId } from '../domain/op-id.js'
import { normalizeErrors, toJsonText } from '../domain/queue-input.js'
import { isJobledgerError } from '../errors/jobledger-error.js'
import type { QueueItemRecord, QueueSettlement, ReclaimResult } from '../store/queue-store.js'
import type { LedgerCore } from './ledger-core.js'
import {
  type QueueItem,
  type SettledAndNext,
  StartedItem,
  type StartedItemActions,
  toQueueItem,
} from './queue-item.js'
import type { HandlerOutcome } from './queue-processor.js'
import type { WriteOptions } from './write-runner.js'

/**
 * The consuming side of one queue handle: pops (running the sweeper when due), settles and
 * heartbeats, each bound to the start (fencing token) the consumer holds, each write with an
 * operation id run through the ledger's write runner (repeated with the same id on
 * STORE_UNAVAILABLE, so a retried pop gets the same item and a retried settle its first answer).
 */
export class QueueConsumer<TData, TResult> implements StartedItemActions<TResult> {
  readonly #core: LedgerCore
  readonly #name: string
  readonly #maxDataBytes: number
  readonly #reclaimEveryMs: number
  readonly #closing: AbortSignal
  #lastReclaim = 0

  constructor(
    core: LedgerCore,
    name: string,
    limits: { maxDataBytes: number; reclaimEveryMs: number },
    closing: AbortSignal,
  ) {
    this.#core = core
    this.#name = name
    this.#maxDataBytes = limits.maxDataBytes
    this.#reclaimEveryMs = limits.reclaimEveryMs
    this.#closing = closing
  }

  /** Pops until an item comes, `deadline` passes or `signal` aborts (null then). */
  async popUntil(deadline: number, signal: AbortSignal, options?: WriteOptions) {
    return this.#unlessClosing(signal, async () => {
      for (;;) {
        const item = signal.aborted ? null : await this.tryPop(options)
        if (item) return item
        const left = deadline - Date.now()
        if (signal.aborted || left <= 0) return null
        const slice = Math.min(left, this.#reclaimEveryMs)
        await this.#core.store.queues.waitForItem(this.#name, slice, signal)
      }
    })
  }

  async tryPop(options?: WriteOptions): Promise<StartedItem<TData, TResult> | null> {
    return this.#unlessClosing(this.#closing, async () => {
      await this.#reclaimWhenDue()
      const record = await this.#write('queue.popAndStart', options, (op) =>
        this.#core.store.queues.popAndStart(this.#name, op),
      )
      return record ? this.#started(record) : null
    })
  }

  reclaim(): Promise<ReclaimResult> {
    this.#lastReclaim = Date.now()
    return this.#write('queue.reclaimExpired', undefined, (op) =>
      this.#core.store.queues.reclaimExpired(this.#name, op),
    )
  }

  /**
   * The sweep a pop runs first when reclaimEveryMs passed since this handle's last one. A
   * settle that pops the next item runs it too, right after: under load such a consumer never
   * pops on its own, and an item a lost consumer held would wait for the queue to run dry.
   */
  async #reclaimWhenDue(): Promise<void> {
    if (Date.now() - this.#lastReclaim < this.#reclaimEveryMs) return
    try {
      await this.reclaim()
    } catch (error) {
      // STORE_UNAVAILABLE does not end the pop: that error names the reclaim's op, and a caller
      // repeating the pop with it would take another item while the one the pop's lost reply
      // started waits out its lease. The pop's own failure names its op; the next pop reclaims.
      if (!isJobledgerError(error) || error.code !== 'STORE_UNAVAILABLE') throw error
      this.#lastReclaim = 0
    }
  }

  /**
   * The sweep after a settle that popped the next item (after, so that a settle coming late
   * is not refused by its own consumer's sweep): whatever it meets, the settle's answer stands.
   */
  async #reclaimAfterSettle(): Promise<void> {
    if (Date.now() - this.#lastReclaim < this.#reclaimEveryMs) return
    // A failed sweep waits reclaimEveryMs like a done one (reclaim() marked the time): during an
    // outage not every settle should wait for a sweep's retries.
    await this.reclaim().catch(() => {})
  }

  /** Settles by a handler's outcome and, with popNext, pops the next item in the same step. */
  async settleAndPop(
    item: StartedItem<TData, TResult>,
    outcome: HandlerOutcome<TResult>,
    popNext: boolean,
  ): Promise<StartedItem<TData, TResult> | null> {
    let settlement: QueueSettlement
    try {
      settlement = outcome.ok ? this.#success(outcome.result) : this.#failure([outcome.error])
    } catch (invalid) {
      settlement = this.#failure([invalid])
    }
    const start = StartedItem.startOf(item)
    const settled = await this.#settle(item.id, start, settlement, undefined, popNext)
    if (popNext) await this.#reclaimAfterSettle()
    return settled.next ? this.#started(settled.next) : null
  }

  /** Finishes (or fails) the start `start` and pops the next waiting item in the same step. */
  async settleAndPopNext(
    id: string,
    start: number,
    to: 'finished' | 'failed',
    value: unknown,
    options: WriteOptions | undefined,
  ): Promise<SettledAndNext<TData, TResult>> {
    const settlement = to === 'finished' ? this.#success(value as TResult) : this.#failure(value)
    const settled = await this.#settle(id, start, settlement, options, true)
    await this.#reclaimAfterSettle()
    const next = settled.next ? this.#started(settled.next) : null
    return { settled: this.item(settled.item), next }
  }

  /** Finishes the item; `start` null finishes whichever start runs. */
  async finish(id: string, start: number | null, result: TResult, options?: WriteOptions) {
    const settled = await this.#settle(id, start, this.#success(result), options, false)
    return this.item(settled.item)
  }

  /** Fails the item; `start` null fails whichever start runs. */
  async fail(id: string, start: number | null, errors: unknown, options?: WriteOptions) {
    const settled = await this.#settle(id, start, this.#failure(errors), options, false)
    return this.item(settled.item)
  }

  heartbeat(id: string, start: number | null): Promise<number> {
    return this.#write('queue.heartbeat', undefined, (op) =>
      this.#core.store.queues.heartbeat(this.#name, id, start, op),
    )
  }

  item(record: QueueItemRecord): QueueItem<TData, TResult> {
    return toQueueItem<TData, TResult>(this.#name, record)
  }

  #settle(
    id: string,
    start: number | null,
    settlement: QueueSettlement,
    options: WriteOptions | undefined,
    popNext: boolean,
  ) {
    const what = settlement.to === 'finished' ? 'queue.finish' : 'queue.fail'
    return this.#write(what, options, (op) =>
      this.#core.store.queues.settle(this.#name, id, start, settlement, op, popNext),
    )
  }

  #write<T>(what: string, options: WriteOptions | undefined, write: (op: OpId) => Promise<T>) {
    return this.#core.writes.run(what, this.#core.writes.opIdOf(options), write)
  }

  /** Runs a pop; once the ledger or `signal` is closing, it ends with null instead of an error. */
  async #unlessClosing<T>(signal: AbortSignal, pop: () => Promise<T | null>): Promise<T | null> {
    if (signal.aborted || this.#closing.aborted) return null
    try {
      return await pop()
    } catch (error) {
      if (signal.aborted || this.#closing.aborted) return null
      throw error
    }
  }

  #success(result: TResult): QueueSettlement {
    return { to: 'finished', result: toJsonText(result, 'result', this.#maxDataBytes) }
  }

  #failure(errors: unknown): QueueSettlement {
    return {
      to: 'failed',
      errors: toJsonText(normalizeErrors(errors), 'errors', this.#maxDataBytes),
    }
  }

  #started(record: QueueItemRecord): StartedItem<TData, TResult> {
    return new StartedItem(this.item(record), record.starts, this)
  }
}
