import type { BatchView } from '../../domain/batch-record.js'
import { batchCounts } from '../../domain/job-summary.js'
import type { OpId } from '../../domain/op-id.js'
import { refusalCode, refusalError } from '../../domain/refusals.js'
import { JobledgerError } from '../../errors/jobledger-error.js'
import type {
  AddBatchResult,
  BatchCounts,
  BatchOutcomes,
  BatchStore,
  CompleteBatchResult,
  OutcomeKind,
  OutcomePage,
  ReportBatchResult,
} from '../../store/batch-store.js'
import type { JobRef } from '../../store/job-store.js'
import type { RedisDriver } from './driver.js'
import type { RedisKeys } from './keys.js'
import { batchFieldNames, batchViewFromValues } from './redis-job-fields.js'
import { creationArgs, decodeJobReply, type RedisJobScripts } from './redis-job-scripts.js'
import type { RedisJobStore } from './redis-jobs.js'
import { strings } from './replies.js'
import { SCRIPTS } from './scripts.generated.js'

/** Concurrent adders retry with the index the script returns; this bounds a runaway loop. */
const MAX_INDEX_RETRIES = 10_000

/**
 * Batches in Redis: each batch's record in its job's batches hash and its items in a hash of
 * their own under the job's hash tag (see lua/include/batch.lua); one script per write.
 */
export class RedisBatchStore implements BatchStore {
  readonly #driver: RedisDriver
  readonly #keys: RedisKeys
  readonly #scripts: RedisJobScripts
  readonly #jobs: RedisJobStore
  /** The next index each job is expected to hand out, learnt from earlier replies. */
  readonly #nextIndex = new Map<string, number>()

  constructor(driver: RedisDriver, keys: RedisKeys, scripts: RedisJobScripts, jobs: RedisJobStore) {
    this.#driver = driver
    this.#keys = keys
    this.#scripts = scripts
    this.#jobs = jobs
  }

  async addBatch(
    ref: JobRef,
    items: readonly string[],
    close: boolean,
    op: OpId,
  ): Promise<AddBatchResult> {
    let expected = this.#nextIndex.get(ref.id) ?? 0
    for (let attempt = 0; attempt < MAX_INDEX_RETRIES; attempt++) {
      const args = [...creationArgs(ref), expected, close ? '1' : '0', ...items]
      const keys = [...this.#keys.jobKeyList(ref.id), this.#keys.batchItems(ref.id, expected)]
      const reply = await this.#scripts.raw(SCRIPTS.addBatch, keys, op, args)
      if (Array.isArray(reply) && reply[0] === 'index') {
        expected = Number(reply[1])
        continue
      }
      const context = { id: ref.id, part: `batch-${expected}`, index: expected }
      const decoded = decodeJobReply(reply, 4, context)
      if (decoded.refresh.length > 0) await this.#scripts.refreshAfter(ref.id, op, decoded.refresh)
      const [created, createdAt = 0, index = 0, last] = decoded.values
      this.#rememberNext(ref.id, index + 1)
      return {
        index,
        created: created === 1,
        createdAt,
        lastOfClosedUnit: last === 1,
        fired: decoded.fired,
        due: decoded.due,
      }
    }
    throw new JobledgerError('CONFLICT', `Could not allocate a batch index for job ${ref.id}.`)
  }

  async batchItems(token: string, index: number, set: string): Promise<string[] | null> {
    const key = this.#keys.batchItems(token, index)
    const [batch, firstPage] = await Promise.all([
      this.readBatch(token, index),
      this.#scan(key, '0'),
    ])
    if (!batch) return null
    let [cursor, pairs] = firstPage
    const found = new Set<string>()
    let mark: string | null = null
    for (;;) {
      for (let i = 0; i + 1 < pairs.length; i += 2) {
        if (pairs[i] === '') mark = pairs[i + 1]!
        else if (pairs[i + 1] === set) found.add(pairs[i]!)
      }
      if (cursor === '0') break
      ;[cursor, pairs] = await this.#scan(key, cursor)
    }
    if (!batch.settled && (mark === null || Number(mark) <= this.#scripts.clock.now()))
      throw refusalError(refusalCode('BATCH_ITEMS_EXPIRED'), { id: token, index })
    return [...found]
  }

  async moveItems(
    ref: JobRef,
    index: number,
    from: string,
    to: string,
    ids: readonly string[],
    op: OpId,
  ): Promise<number> {
    const reply = await this.#batchScript(SCRIPTS.moveItems, ref, index, op, [from, to, ...ids], 2)
    return reply.values[0] ?? 0
  }

  async removeSet(ref: JobRef, index: number, set: string, op: OpId): Promise<number> {
    const reply = await this.#batchScript(SCRIPTS.removeSet, ref, index, op, [set], 2)
    return reply.values[0] ?? 0
  }

  async reportBatch(ref: JobRef, outcomes: BatchOutcomes, op: OpId): Promise<ReportBatchResult> {
    const { index, processed, skipped, errored, missing } = outcomes
    const args = [
      outcomes.complete ? '1' : '0',
      processed.length,
      skipped.length,
      errored.length,
      missing.length,
      ...processed,
      ...skipped,
      ...errored.flatMap(({ id, message }) => [id, message]),
      ...missing,
    ]
    const reply = await this.#batchScript(SCRIPTS.reportBatch, ref, index, op, args, 7)
    const [p = 0, s = 0, e = 0, m = 0, remaining = 0, settled, last] = reply.values
    return {
      processed: p,
      skipped: s,
      errored: e,
      missing: m,
      remaining,
      settled: settled === 1,
      lastOfClosedUnit: last === 1,
      fired: reply.fired,
      due: reply.due,
    }
  }

  async completeBatch(ref: JobRef, index: number, op: OpId): Promise<CompleteBatchResult> {
    const reply = await this.#batchScript(SCRIPTS.completeBatch, ref, index, op, [], 2)
    const [settled, last] = reply.values
    return {
      settled: settled === 1,
      lastOfClosedUnit: last === 1,
      fired: reply.fired,
      due: reply.due,
    }
  }

  async readBatch(token: string, index: number): Promise<BatchView | null> {
    const job = this.#keys.job(token)
    const [batches, values] = await Promise.all([
      this.#driver.command('HMGET', [job.state, 'batches', 'expiresAt']),
      this.#driver.command('HMGET', [job.batches, ...batchFieldNames(index)]),
    ])
    const [count, expiresAt] = strings(batches)
    if (Number(expiresAt ?? 0) <= this.#scripts.clock.now() || index >= Number(count ?? 0))
      return null
    return batchViewFromValues(index, strings(values))
  }

  async readCounts(token: string): Promise<BatchCounts | null> {
    const record = await this.#jobs.readJob(token)
    return record ? batchCounts(record) : null
  }

  async outcomes(
    token: string,
    kind: OutcomeKind,
    cursor: string | null,
    limit: number,
  ): Promise<OutcomePage> {
    const start = cursor === null ? 0 : Number(cursor)
    const key = this.#keys.batchOutcomes(token, kind)
    const [alive, reply, length] = await Promise.all([
      this.#jobs.ttlMs(token),
      this.#driver.command('LRANGE', [key, start, start + limit - 1]),
      this.#driver.command('LLEN', [key]),
    ])
    if (alive === null) return { entries: [], cursor: null }
    const entries = strings(reply).map((raw) => {
      const [batch, id, message] = JSON.parse(raw ?? '[]') as [number, string, string?]
      return { batch, id, message: message ?? null }
    })
    const next = start + entries.length
    return { entries, cursor: next < Number(length) ? String(next) : null }
  }

  #batchScript(
    script: (typeof SCRIPTS)[keyof typeof SCRIPTS],
    ref: JobRef,
    index: number,
    op: OpId,
    args: readonly (string | number)[],
    nValues: number,
  ) {
    const items = [this.#keys.batchItems(ref.id, index)]
    return this.#scripts.run(
      script,
      ref.id,
      op,
      [index, ...args],
      nValues,
      { id: ref.id, index },
      items,
    )
  }

  async #scan(key: string, cursor: string): Promise<[string, string[]]> {
    const reply = (await this.#driver.command('HSCAN', [key, cursor, 'COUNT', 5_000])) as [
      string,
      string[],
    ]
    return [String(reply[0]), reply[1]]
  }

  #rememberNext(token: string, next: number): void {
    if (this.#nextIndex.size >= 10_000) this.#nextIndex.clear()
    this.#nextIndex.set(token, Math.max(next, this.#nextIndex.get(token) ?? 0))
  }
}
