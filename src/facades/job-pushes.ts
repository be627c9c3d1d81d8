import type { OpId } from '../domain/op-id.js'
import { optionsOf } from '../domain/options.js'
import {
  type AnyIterable,
  LookaheadReader,
  validateBatchSize,
  validateCallback,
} from './iterate.js'
import { childOp, type JobWriter } from './job-writes.js'
import type { WriteOptions } from './write-runner.js'

/** Parts sent to the store in one write, whatever the caller's batch size. */
const PUSH_CHUNK = 5_000

export interface PushEachResult {
  /** Parts pushed, numbered '0'..String(parts - 1). */
  parts: number
  /** True when closing the job finished it (an empty collection, or every part already settled). */
  finished: boolean
}

/**
 * The pushes and closes of a job (`Job` exposes them). A call made of several store writes
 * gives each its own operation id derived from the call's, so the whole call repeated with
 * its `{ opId }` repeats each write and answers as it first did.
 */
export class JobPushes {
  readonly #writer: JobWriter

  constructor(writer: JobWriter) {
    this.#writer = writer
  }

  /**
   * Pushes one part per item ('0', '1', …) and calls `callback(item, part)` after each push.
   * The job is closed right before the last callback, so the last worker cannot miss completion.
   */
  async pushEach<T>(
    items: AnyIterable<T>,
    callback: (item: T, part: string) => unknown,
    options?: WriteOptions,
  ): Promise<PushEachResult> {
    validateCallback(callback)
    const op = this.#writer.opOf(optionsOf(options, 'pushEach options'))
    const reader = new LookaheadReader(items, 'items')
    let parts = 0
    for (let chunkNo = 0; ; chunkNo++) {
      const chunk = await reader.take(PUSH_CHUNK)
      const numbered = chunk.items.map((item) => [item, String(parts++)] as const)
      const closeOp = childOp(op, 2 * chunkNo + 1)
      if (numbered.length > 0)
        await this.pushParts(
          numbered.map(([, part]) => part),
          false,
          childOp(op, 2 * chunkNo),
        )
      for (const [index, [item, part]] of numbered.entries()) {
        if (chunk.last && index === numbered.length - 1) await this.close(closeOp)
        await callback(item, part)
      }
      if (chunk.last) return { parts, finished: parts === 0 ? await this.close(closeOp) : false }
    }
  }

  /**
   * Pushes items in batches of `[item, part]` pairs and calls `callback(pairs)` after each push.
   * The last batch is pushed and the job closed in one write, before its callback runs.
   */
  async pushInBatches<T>(
    items: AnyIterable<T>,
    options: { batchSize: number } & WriteOptions,
    callback: (pairs: [T, string][]) => unknown,
  ): Promise<PushEachResult> {
    const batchSize = validateBatchSize(options?.batchSize)
    validateCallback(callback)
    const op = this.#writer.opOf(options)
    const reader = new LookaheadReader(items, 'items')
    let parts = 0
    for (let batchNo = 0; ; batchNo++) {
      const batch = await reader.take(batchSize)
      const pairs = batch.items.map((item): [T, string] => [item, String(parts++)])
      const finished = await this.pushParts(
        pairs.map(([, part]) => part),
        batch.last,
        childOp(op, batchNo),
      )
      if (pairs.length > 0) await callback(pairs)
      if (batch.last) return { parts, finished }
    }
  }

  /** Seals the job with operation `op`; true when that finished it. */
  async close(op: OpId): Promise<boolean> {
    const { ref } = this.#writer
    const result = await this.#writer.run('job.close', op, (id) =>
      this.#writer.core.store.jobs.closeJob(ref, id),
    )
    await this.#writer.register(result, op)
    return result.lastOfClosedUnit
  }

  /** Pushes `parts` in writes of PUSH_CHUNK, closing with the last when asked. */
  async pushParts(parts: string[], close: boolean, op: OpId): Promise<boolean> {
    let finished = false
    const { ref } = this.#writer
    for (let start = 0, n = 0; start < parts.length || (start === 0 && close); n++) {
      const chunk = parts.slice(start, start + PUSH_CHUNK)
      const closeNow = close && start + PUSH_CHUNK >= parts.length
      const chunkOp = parts.length <= PUSH_CHUNK ? op : childOp(op, n)
      const result = await this.#writer.run('job.push', chunkOp, (id) =>
        this.#writer.core.store.jobs.pushParts(ref, chunk, closeNow, id),
      )
      await this.#writer.register(result, op)
      finished = result.lastOfClosedUnit
      if (closeNow) break
      start += PUSH_CHUNK
    }
    return finished
  }
}
