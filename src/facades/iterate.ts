import { InvalidArgumentError } from '../errors/jobledger-error.js'

export type AnyIterable<T> = Iterable<T> | AsyncIterable<T>

/** Reads a sync or async iterable one item at a time, with one item of look-ahead. */
export class LookaheadReader<T> {
  readonly #iterator: Iterator<T> | AsyncIterator<T>
  #next: IteratorResult<T> | null = null

  constructor(items: AnyIterable<T>, what: string) {
    if (items !== null && typeof items === 'object' && Symbol.asyncIterator in items) {
      this.#iterator = items[Symbol.asyncIterator]()
    } else if (
      items !== null &&
      items !== undefined &&
      typeof (items as Iterable<T>)[Symbol.iterator] === 'function'
    ) {
      this.#iterator = (items as Iterable<T>)[Symbol.iterator]()
    } else {
      throw new InvalidArgumentError(
        `${what} must be an iterable or async iterable (an array, a generator, a stream).`,
      )
    }
  }

  /** Takes up to `size` items; `last` tells whether the iterable is exhausted after them. */
  async take(size: number): Promise<{ items: T[]; last: boolean }> {
    const items: T[] = []
    if (this.#next === null) this.#next = await this.#iterator.next()
    while (!this.#next.done && items.length < size) {
      items.push(this.#next.value)
      this.#next = await this.#iterator.next()
    }
    return { items, last: this.#next.done === true }
  }
}

export function validateBatchSize(value: unknown, what = 'batchSize'): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1 || value > 1_000_000) {
    throw new InvalidArgumentError(
      `${what} must be an integer from 1 to 1,000,000, got ${String(value)}.`,
    )
  }
  return value
}

export function validateCallback(callback: unknown): void {
  if (typeof callback !== 'function') throw new InvalidArgumentError('callback must be a function.')
}
