import { batchItemsExpiredError, batchPartTakenError } from '../../domain/batch-errors.js'
import { batchPart } from '../../domain/batch-items.js'
import { pushAfterCloseError } from '../../domain/job-errors.js'
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
import type { UnitRef } from '../../store/unit-ref.js'
import type { RedisDriver } from './driver.js'
import type { RedisKeys } from './keys.js'
import { integer, integers, strings } from './replies.js'
import { SCRIPTS } from './scripts.generated.js'

const COUNT_FIELDS = [
  'items',
  'processed',
  'skipped',
  'errored',
  'missing',
  'batches',
  'batchesDone',
  'finished',
  'stopped',
  'closed',
] as const

/** Concurrent adders retry with the index the script returns; this bounds a runaway loop. */
const MAX_INDEX_RETRIES = 10_000

/** Batches in Redis: each batch is one hash under its job's hash tag; one script per write. */
export class RedisBatchStore implements BatchStore {
  readonly #driver: RedisDriver
  readonly #keys: RedisKeys
  readonly #now: () => number
  /** The next index each job is expected to hand out, learnt from earlier replies. */
  readonly #nextIndex = new Map<string, number>()

  constructor(driver: RedisDriver, keys: RedisKeys, now: () => number) {
    this.#driver = driver
    this.#keys = keys
    this.#now = now
  }

  async addBatch(unit: UnitRef, items: readonly string[], close: boolean): Promise<AddBatchResult> {
    let expected = this.#nextIndex.get(unit.id) ?? 0
    for (let attempt = 0; attempt < MAX_INDEX_RETRIES; attempt++) {
      const args = [unit.ttlMs, this.#now(), expected, close ? '1' : '0', ...items]
      const keys = this.#batchKeys(unit.id, expected)
      const reply = integers(
        await this.#driver.runScript(SCRIPTS.addBatch, keys, args),
        'add-batch',
      )
      const [code, index = 0, last] = reply
      if (code === -1) throw pushAfterCloseError(unit.id)
      if (code === -3) throw batchPartTakenError(unit.id, batchPart(expected))
      if (code === -2) {
        expected = index
        continue
      }
      this.#rememberNext(unit.id, index + 1)
      return { index, created: code === 1, lastOfClosedUnit: last === 1 }
    }
    throw new JobledgerError('CONFLICT', `Could not allocate a batch index for job ${unit.id}.`)
  }

  async batchItems(token: string, index: number, set: string): Promise<string[] | null> {
    const key = this.#keys.batchItems(token, index)
    const [exists, firstPage] = await Promise.all([
      this.#batchExists(token, index),
      this.#scan(key, '0'),
    ])
    if (!exists) return null
    let [cursor, pairs] = firstPage
    if (cursor === '0' && pairs.length === 0) await this.#refuseLostItems(token, index)
    const found = new Set<string>()
    for (;;) {
      for (let i = 0; i + 1 < pairs.length; i += 2) if (pairs[i + 1] === set) found.add(pairs[i]!)
      if (cursor === '0') return [...found]
      ;[cursor, pairs] = await this.#scan(key, cursor)
    }
  }

  async moveItems(
    unit: UnitRef,
    index: number,
    from: string,
    to: string,
    ids: readonly string[],
  ): Promise<number | null> {
    const keys = this.#batchKeys(unit.id, index)
    const reply = await this.#driver.runScript(SCRIPTS.moveItems, keys, [
      unit.ttlMs,
      index,
      from,
      to,
      ...ids,
    ])
    return this.#itemCount(unit.id, index, integer(reply, 'move-items'))
  }

  async removeSet(unit: UnitRef, index: number, set: string): Promise<number | null> {
    const keys = this.#batchKeys(unit.id, index)
    const reply = await this.#driver.runScript(SCRIPTS.removeSet, keys, [unit.ttlMs, index, set])
    return this.#itemCount(unit.id, index, integer(reply, 'remove-set'))
  }

  async reportBatch(unit: UnitRef, outcomes: BatchOutcomes): Promise<ReportBatchResult> {
    const { index, processed, skipped, errored, missing } = outcomes
    const keys = [
      ...this.#batchKeys(unit.id, index),
      this.#keys.batchOutcomes(unit.id, 'skipped'),
      this.#keys.batchOutcomes(unit.id, 'errored'),
      this.#keys.batchOutcomes(unit.id, 'missing'),
    ]
    const args = [
      unit.ttlMs,
      this.#now(),
      index,
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
    const reply = integers(
      await this.#driver.runScript(SCRIPTS.reportBatch, keys, args),
      'report-batch',
    )
    const [found, p = 0, s = 0, e = 0, m = 0, remaining = 0, settled, last] = reply
    if (found === -1) throw batchItemsExpiredError(unit.id, index)
    return {
      found: found === 1,
      processed: p,
      skipped: s,
      errored: e,
      missing: m,
      remaining,
      settled: settled === 1,
      lastOfClosedUnit: last === 1,
    }
  }

  async completeBatch(unit: UnitRef, index: number): Promise<CompleteBatchResult> {
    const args = [unit.ttlMs, this.#now(), index]
    const keys = this.#batchKeys(unit.id, index)
    const reply = integers(
      await this.#driver.runScript(SCRIPTS.completeBatch, keys, args),
      'complete-batch',
    )
    const [found, settled, last] = reply
    if (found === -1) throw batchItemsExpiredError(unit.id, index)
    return { found: found === 1, settled: settled === 1, lastOfClosedUnit: last === 1 }
  }

  async readCounts(token: string): Promise<BatchCounts | null> {
    const reply = strings(
      await this.#driver.command('HMGET', [this.#keys.job(token).state, ...COUNT_FIELDS]),
    )
    const [items, processed, skipped, errored, missing, batches, batchesDone, finished, stopped] =
      reply
    if (reply[9] === null || reply[9] === undefined) return null
    return {
      items: Number(items ?? 0),
      processed: Number(processed ?? 0),
      skipped: Number(skipped ?? 0),
      errored: Number(errored ?? 0),
      missing: Number(missing ?? 0),
      batches: Number(batches ?? 0),
      batchesDone: Number(batchesDone ?? 0),
      finished: finished === '1',
      stopped: stopped === '1',
    }
  }

  async outcomes(
    token: string,
    kind: OutcomeKind,
    cursor: string | null,
    limit: number,
  ): Promise<OutcomePage> {
    const start = cursor === null ? 0 : Number(cursor)
    const key = this.#keys.batchOutcomes(token, kind)
    const [reply, length] = await Promise.all([
      this.#driver.command('LRANGE', [key, start, start + limit - 1]),
      this.#driver.command('LLEN', [key]),
    ])
    const entries = strings(reply).map((raw) => {
      const [batch, id, message] = JSON.parse(raw ?? '[]') as [number, string, string?]
      return { batch, id, message: message ?? null }
    })
    const next = start + entries.length
    return { entries, cursor: next < Number(length) ? String(next) : null }
  }

  /** A move or remove script's reply: a count, -1 for no such batch, -2 for expired items. */
  #itemCount(token: string, index: number, reply: number): number | null {
    if (reply === -2) throw batchItemsExpiredError(token, index)
    return reply < 0 ? null : reply
  }

  /** A batch's hash is missing: fine once its part is settled, expired while it is open. */
  async #refuseLostItems(token: string, index: number): Promise<void> {
    const part = await this.#driver.command('HGET', [this.#keys.job(token).parts, batchPart(index)])
    if (part === 'o') throw batchItemsExpiredError(token, index)
  }

  async #batchExists(token: string, index: number): Promise<boolean> {
    const batches = await this.#driver.command('HGET', [this.#keys.job(token).state, 'batches'])
    return typeof batches === 'string' && index < Number(batches)
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

  #batchKeys(token: string, index: number): string[] {
    const job = this.#keys.job(token)
    return [job.state, job.bits, job.parts, this.#keys.batchItems(token, index)]
  }
}
