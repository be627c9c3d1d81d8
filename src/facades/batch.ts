import {
  batchNotFoundError,
  batchPart,
  PENDING_SET,
  validateItemIds,
  validateSetName,
} from '../domain/batch-items.js'
import type { Store } from '../store/store.js'
import type { UnitRef } from '../store/unit-ref.js'

/**
 * One batch of a job, addressed by the job's token and the batch's index. Its items sit in
 * named sets; every item starts in `'pending'`. Item ids come back as strings.
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
  readonly #store: Store
  readonly #unit: UnitRef

  constructor(store: Store, unit: UnitRef, index: number) {
    this.#store = store
    this.#unit = unit
    this.token = unit.id
    this.index = index
    this.part = batchPart(index)
  }

  /** The ids in one set of the batch (default `'pending'`), in no particular order. */
  async items(set: string = PENDING_SET): Promise<string[]> {
    const name = validateSetName(set)
    return this.#found(await this.#store.batches.batchItems(this.token, this.index, name))
  }

  /** Removes every item of a set from the batch; returns how many were removed. */
  async removeSet(set: string): Promise<number> {
    const name = validateSetName(set)
    return this.#found(await this.#store.batches.removeSet(this.#unit, this.index, name))
  }

  /** Moves those of `ids` that are in `from` to the set `to`; returns how many moved. */
  async moveItems(from: string, to: string, ids: readonly (string | number)[]): Promise<number> {
    const source = validateSetName(from, 'from')
    const target = validateSetName(to, 'to')
    const valid = validateItemIds(ids)
    if (source === target || valid.length === 0) {
      this.#found(await this.#store.batches.batchItems(this.token, this.index, source))
      return 0
    }
    const moved = await this.#store.batches.moveItems(this.#unit, this.index, source, target, valid)
    return this.#found(moved)
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
  async complete(): Promise<boolean> {
    const result = await this.#store.batches.completeBatch(this.#unit, this.index)
    if (!result.found) throw batchNotFoundError(this.token, this.index)
    return result.lastOfClosedUnit
  }

  #found<T>(value: T | null): T {
    if (value === null) throw batchNotFoundError(this.token, this.index)
    return value
  }
}
