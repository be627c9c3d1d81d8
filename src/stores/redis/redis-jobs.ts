import { densePartIndex } from '../../domain/dense-part.js'
import type { CompactJobSummary } from '../../domain/job-compact.js'
import { compactSummaryOf } from '../../domain/job-compact.js'
import type { JobRecord } from '../../domain/job-record.js'
import type {
  CloseJobResult,
  DonePartResult,
  PartOutcome,
  PushPartsResult,
  SetTtlResult,
  StopJobResult,
} from '../../domain/job-results.js'
import type { OpId } from '../../domain/op-id.js'
import type { FailedPartsPage, JobRef, JobStore, OpenPartsPage } from '../../store/job-store.js'
import type { RedisDriver } from './driver.js'
import type { RedisKeys } from './keys.js'
import { RedisJobCallbacks } from './redis-job-callbacks.js'
import {
  hashOf,
  jobRecordFromValues,
  jobRecordOf,
  STATE_FIELDS,
  type StateField,
} from './redis-job-fields.js'
import { creationArgs, type RedisJobScripts } from './redis-job-scripts.js'
import {
  decodeOpenPartsCursor,
  readDenseOpenParts,
  readStringOpenParts,
} from './redis-open-parts.js'
import { strings } from './replies.js'
import { SCRIPTS } from './scripts.generated.js'

/** Distributed jobs in Redis: one script call per write (see lua/include/job.lua). */
export class RedisJobStore extends RedisJobCallbacks implements JobStore {
  readonly #driver: RedisDriver
  readonly #keys: RedisKeys
  readonly #scripts: RedisJobScripts

  constructor(driver: RedisDriver, keys: RedisKeys, scripts: RedisJobScripts) {
    super(driver, keys, scripts)
    this.#driver = driver
    this.#keys = keys
    this.#scripts = scripts
  }

  async pushParts(
    ref: JobRef,
    parts: readonly string[],
    close: boolean,
    op: OpId,
  ): Promise<PushPartsResult> {
    const dense: number[] = []
    const other: string[] = []
    for (const part of parts) {
      const index = densePartIndex(part)
      if (index >= 0) dense.push(index)
      else other.push(part)
    }
    const args = [...creationArgs(ref), close ? '1' : '0', dense.length, ...dense, ...other]
    const reply = await this.#scripts.run(SCRIPTS.pushParts, ref.id, op, args, 4, { id: ref.id })
    const [created, createdAt = 0, added = 0, last] = reply.values
    return {
      created: created === 1,
      createdAt,
      added,
      lastOfClosedUnit: last === 1,
      fired: reply.fired,
      due: reply.due,
    }
  }

  async closeJob(ref: JobRef, op: OpId): Promise<CloseJobResult> {
    const args = creationArgs(ref)
    const reply = await this.#scripts.run(SCRIPTS.closeJob, ref.id, op, args, 4, { id: ref.id })
    const [closed, created, createdAt = 0, last] = reply.values
    return {
      closed: closed === 1,
      created: created === 1,
      createdAt,
      lastOfClosedUnit: last === 1,
      fired: reply.fired,
      due: reply.due,
    }
  }

  /** done-part first (the common case); settle-job-part when it asks for it, and for fail(). */
  async donePart(
    ref: JobRef,
    part: string,
    outcome: PartOutcome,
    op: OpId,
  ): Promise<DonePartResult> {
    const index = densePartIndex(part)
    if (outcome.kind === 'succeeded') {
      const keys = this.#keys.jobPartKeys(ref.id)
      const fast = await this.#scripts.raw(SCRIPTS.donePart, keys, op, [index, part])
      if (typeof fast === 'number') {
        return { removed: fast === 1, lastOfClosedUnit: fast === 2, fired: [], due: [] }
      }
    }
    const reason = outcome.kind === 'failed' ? outcome.reason : ''
    const args = [index, part, outcome.kind, reason]
    const reply = await this.#scripts.run(SCRIPTS.settleJobPart, ref.id, op, args, 2, {
      id: ref.id,
    })
    const [removed, last] = reply.values
    return {
      removed: removed === 1,
      lastOfClosedUnit: last === 1,
      fired: reply.fired,
      due: reply.due,
    }
  }

  async stopJob(ref: JobRef, reason: string | null, op: OpId): Promise<StopJobResult> {
    const args = reason === null ? ['0', ''] : ['1', reason]
    const reply = await this.#scripts.run(SCRIPTS.stopJob, ref.id, op, args, 2, { id: ref.id })
    const [found, stopped] = reply.values
    return { found: found === 1, stopped: stopped === 1, fired: reply.fired, due: reply.due }
  }

  async setTtl(ref: JobRef, ttlMs: number, op: OpId): Promise<SetTtlResult> {
    const context = { id: ref.id, action: 'set the ttl of' }
    const reply = await this.#scripts.run(SCRIPTS.setJobTtl, ref.id, op, [ttlMs], 1, context)
    return { expiresAt: reply.values[0] ?? 0 }
  }

  async isOpenPart(id: string, part: string): Promise<boolean> {
    const keys = this.#keys.job(id)
    const index = densePartIndex(part)
    const [alive, open] = await Promise.all([
      this.#alive(id),
      index >= 0
        ? this.#driver.command('GETBIT', [keys.bits, index * 2 + 1]).then((bit) => bit === 1)
        : this.#driver.command('HGET', [keys.parts, part]).then((slot) => slot === 'o'),
    ])
    return alive && open
  }

  async readJob(id: string): Promise<JobRecord | null> {
    const reply = await this.#driver.command('HMGET', [this.#keys.job(id).state, ...STATE_FIELDS])
    const record = jobRecordFromValues(strings(reply))
    return record && record.expiresAt > this.#scripts.clock.now() ? record : null
  }

  async readJobs(ids: readonly string[]): Promise<(JobRecord | null)[]> {
    return Promise.all(ids.map((id) => this.readJob(id)))
  }

  async readCompact(id: string): Promise<CompactJobSummary | null> {
    const reply = await this.#driver.command('HGETALL', [this.#keys.job(id).summary])
    const fields = hashOf(reply)
    const record = jobRecordOf((field: StateField) => fields.get(field))
    const keptUntil = record ? record.expiresAt + record.policy.summaryTtlMs : 0
    return record && keptUntil > this.#scripts.clock.now() ? compactSummaryOf(id, record) : null
  }

  async openParts(id: string, cursor: string | null, limit: number): Promise<OpenPartsPage> {
    const keys = this.#keys.job(id)
    const position = decodeOpenPartsCursor(cursor)
    if (!(await this.#alive(id))) return { parts: [], cursor: null }
    if (position.phase === 'dense') {
      const page = await readDenseOpenParts(this.#driver, keys.bits, position.offset, limit)
      if (page.cursor !== null || page.parts.length > 0) return page
      return readStringOpenParts(this.#driver, keys.parts, '0', limit)
    }
    return readStringOpenParts(this.#driver, keys.parts, position.offset, limit)
  }

  /** Exact pages of the failures list: LRANGE from the cursor's position, LLEN for the end. */
  async failedParts(id: string, cursor: string | null, limit: number): Promise<FailedPartsPage> {
    const start = cursor === null ? 0 : Number(cursor)
    const key = this.#keys.job(id).failures
    const [alive, range, length] = await Promise.all([
      this.#alive(id),
      this.#driver.command('LRANGE', [key, start, start + limit - 1]),
      this.#driver.command('LLEN', [key]),
    ])
    if (!alive) return { failures: [], cursor: null }
    const failures = strings(range).map((entry) => {
      const text = entry ?? ''
      const at = text.indexOf('\n')
      return { part: text.slice(0, at), reason: text.slice(at + 1) }
    })
    const next = start + failures.length
    return { failures, cursor: next < Number(length) ? String(next) : null }
  }

  async ttlMs(id: string): Promise<number | null> {
    const expiresAt = await this.#expiresAt(id)
    const left = expiresAt === null ? 0 : expiresAt - this.#scripts.clock.now()
    return left > 0 ? left : null
  }

  async #expiresAt(id: string): Promise<number | null> {
    const value = await this.#driver.command('HGET', [this.#keys.job(id).state, 'expiresAt'])
    return typeof value === 'string' ? Number(value) : null
  }

  async #alive(id: string): Promise<boolean> {
    return ((await this.#expiresAt(id)) ?? 0) > this.#scripts.clock.now()
  }
}
