import {
  batchNotFoundError,
  batchPart,
  PENDING_SET,
  validateItemIds,
  validateSetName,
} from '../domain/batch-items.js'
import { batchScope } from '../domain/batch-record.js'
import { optionsOf } from '../domain/options.js'
import type { Signal } from '../domain/signals.js'
import type { BatchView } from '../store/batch-store.js'
import type { JobRef } from '../store/job-store.js'
import { type CallbackInput, registerJobCallbacks } from './callback-registration.js'
import { JobWriter } from './job-writes.js'
import type { LedgerCore } from './ledger-core.js'
import { type WaitUntilOptions, waitUntil } from './wait-until.js'
import type { WriteOptions } from './write-runner.js'

/**
 * One batch of a job, addressed by the job's token and the batch's index. Its items sit in
 * named sets; every item starts in `'pending'`. Item ids come back as strings. A batch writes
 * to its job under the job's own policy (ttl): a batch handle has none of its own.
 *
 * @example
 * const batch = ledger.batch(token, index)
 * for (const id of await batch.items()) await importWidget(id)
 * if (await batch.complete()) await queue.add('summary', { token })  // without a tracker
 */
export class Batch {
  readonly token: string
  readonly index: number
  /** The part this batch occupies in its job: `batch-<index>`. */
  readonly part: string
  readonly #writer: JobWriter

  constructor(core: LedgerCore, ref: JobRef, index: number) {
    this.#writer = new JobWriter(core, ref)
    this.token = ref.id
    this.index = index
    this.part = batchPart(index)
  }

  /** The ids in one set of the batch (default `'pending'`), in no particular order. */
  async items(set: string = PENDING_SET): Promise<string[]> {
    const name = validateSetName(set)
    const ids = await this.#writer.core.store.batches.batchItems(this.token, this.index, name)
    if (ids === null) throw batchNotFoundError(this.token, this.index)
    return ids
  }

  /** The batch's record: item and errored counts, its signals' times; null when none. */
  async record(): Promise<BatchView | null> {
    return this.#writer.core.store.batches.readBatch(this.token, this.index)
  }

  /**
   * Registers durable callbacks for one of the batch's signals (see `job.on`); they are kept
   * in the job's outbox and carry scope `batch:<index>`. NOT_FOUND when the batch does not exist.
   *
   * @example
   * await ledger.batch(token, index).on('failed', { name: 'alert', args: [token, index] })
   */
  async on(
    signal: Signal,
    callbacks: CallbackInput | readonly CallbackInput[],
    options?: WriteOptions,
  ): Promise<void> {
    await registerJobCallbacks(this.#writer, batchScope(this.index), signal, callbacks, options)
  }

  /** Resolves with the batch's record once `signal` has fired (see `job.waitUntil`). */
  async waitUntil(signal: Signal, options?: WaitUntilOptions): Promise<BatchView> {
    const target = {
      kind: 'batch' as const,
      id: this.token,
      scope: batchScope(this.index),
      read: () => this.record(),
      signalsOf: (view: BatchView) => view.signals,
    }
    return waitUntil(this.#writer.core, target, signal, options)
  }

  /** Removes every item of a set from the batch; returns how many were removed. */
  async removeSet(set: string, options?: WriteOptions): Promise<number> {
    const name = validateSetName(set)
    return this.#run('batch.removeSet', options, (op) =>
      this.#writer.core.store.batches.removeSet(this.#writer.ref, this.index, name, op),
    )
  }

  /** Moves those of `ids` that are in `from` to the set `to`; returns how many moved. */
  async moveItems(
    from: string,
    to: string,
    ids: readonly (string | number)[],
    options?: WriteOptions,
  ): Promise<number> {
    const source = validateSetName(from, 'from')
    const target = validateSetName(to, 'to')
    const valid = validateItemIds(ids)
    if (source === target || valid.length === 0) {
      await this.items(source)
      return 0
    }
    return this.#run('batch.moveItems', options, (op) =>
      this.#writer.core.store.batches.moveItems(
        this.#writer.ref,
        this.index,
        source,
        target,
        valid,
        op,
      ),
    )
  }

  /**
   * Ends the batch without a tracker: drops its items (whatever sets are left), settles its
   * part and counts it in `batchesDone`, in one write. Item counts are a tracker's job: this
   * counts none. True for exactly one caller: the one whose batch finished the job; completing
   * a batch again answers false. NOT_FOUND when the batch does not exist or its items expired.
   *
   * @example
   * const batch = ledger.batch(token, index)
   * for (const id of await batch.items()) await importWidget(id)
   * if (await batch.complete()) await queue.add('summary', { token })
   */
  async complete(options?: WriteOptions): Promise<boolean> {
    const result = await this.#run('batch.complete', options, (op) =>
      this.#writer.core.store.batches.completeBatch(this.#writer.ref, this.index, op),
    )
    return result.lastOfClosedUnit
  }

  #run<T>(what: string, options: WriteOptions | undefined, write: (op: string) => Promise<T>) {
    return this.#writer.run(what, this.#writer.opOf(optionsOf(options, `${what} options`)), write)
  }
}
