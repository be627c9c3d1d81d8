import type { GroupOutboxEntry } from '../../domain/group-callbacks.js'
import { groupRecordOf } from '../../domain/group-life.js'
import type { GroupRecord, StagedJobRecord, StageRecord } from '../../domain/group-records.js'
import { stageRecordOf } from '../../domain/group-views.js'
import type { OutboxEntry } from '../../domain/outbox.js'
import type { Signal } from '../../domain/signals.js'
import type { RedisDriver } from './driver.js'
import type { RedisKeys } from './keys.js'
import {
  GROUP_RECORD_FIELDS,
  groupFactsOfValues,
  hashEntries,
  JOB_RECORD_FIELDS,
  partsOf,
  stagedJobOf,
} from './redis-stage-replies.js'
import { strings } from './replies.js'

/*
 * Reads of a group. A group's details are alive while its stored deadline is ahead of the
 * store's clock (whatever Redis still holds), so each read takes the deadline with its data,
 * in the same tick (one round trip).
 */

const STAGE_FIELD = /^(0|[1-9][0-9]*):closed$/

function byNumber(a: string, b: string): number {
  return Number(a) - Number(b)
}

export class GroupReads {
  readonly #driver: RedisDriver
  readonly #keys: RedisKeys
  readonly #now: () => number

  constructor(driver: RedisDriver, keys: RedisKeys, now: () => number) {
    this.#driver = driver
    this.#keys = keys
    this.#now = now
  }

  async #alive(groupId: string): Promise<boolean> {
    const reply = await this.#driver.command('HGET', [this.#keys.group(groupId).state, 'expiresAt'])
    return typeof reply === 'string' && Number(reply) > this.#now()
  }

  async group(groupId: string): Promise<GroupRecord | null> {
    const keys = this.#keys.group(groupId)
    const [state, summary] = await Promise.all([
      this.#driver.command('HMGET', [keys.state, ...GROUP_RECORD_FIELDS]),
      this.#driver.command('HMGET', [keys.summary, 'summaryExpiresAt', ...GROUP_RECORD_FIELDS]),
    ])
    const now = this.#now()
    const values = strings(state)
    const facts = groupFactsOfValues(groupId, values)
    if (values[2] !== null && facts.expiresAt > now) return groupRecordOf(facts)
    const [summaryExpiresAt, ...kept] = strings(summary)
    if (summaryExpiresAt === null || summaryExpiresAt === undefined) return null
    if (Number(summaryExpiresAt) <= now) return null
    const record = groupRecordOf(groupFactsOfValues(groupId, kept))
    return { ...record, expiresAt: Number(summaryExpiresAt), compact: true }
  }

  async stages(groupId: string): Promise<StageRecord[]> {
    const hash = hashEntries(
      await this.#driver.command('HGETALL', [this.#keys.group(groupId).state]),
    )
    const expiresAt = hash.get('expiresAt')
    if (expiresAt === undefined || Number(expiresAt) <= this.#now()) return []
    const unit = { stopped: hash.get('stopped') === '1' }
    const numbers = [...hash.keys()].flatMap((field) => STAGE_FIELD.exec(field)?.[1] ?? [])
    return numbers.sort(byNumber).map((n) => {
      const parts = partsOf((name) => hash.get(`${n}:${name}`))
      return stageRecordOf({ number: Number(n), parts }, unit)
    })
  }

  async stageJobs(groupId: string, stage: number): Promise<StagedJobRecord[]> {
    const order = this.#keys.group(groupId).order
    const [alive, ids] = await Promise.all([
      this.#alive(groupId),
      this.#driver.command('ZRANGE', [order, stage, stage, 'BYSCORE']),
    ])
    if (!alive) return []
    return this.jobs(groupId, strings(ids).filter(isString).sort(byNumber))
  }

  async stagedJob(groupId: string, jobId: string): Promise<StagedJobRecord | null> {
    const [alive, jobs] = await Promise.all([this.#alive(groupId), this.jobs(groupId, [jobId])])
    return alive ? (jobs[0] ?? null) : null
  }

  async undispatched(groupId: string, before: number): Promise<StagedJobRecord[]> {
    const key = this.#keys.group(groupId).undispatched
    const [alive, ids] = await Promise.all([
      this.#alive(groupId),
      this.#driver.command('ZRANGE', [key, '-inf', `(${before}`, 'BYSCORE']),
    ])
    if (!alive) return []
    return this.jobs(groupId, strings(ids).filter(isString).sort(byNumber))
  }

  /** Staged jobs by id, in the order given; ids whose job is gone are left out. */
  async jobs(groupId: string, ids: readonly string[]): Promise<StagedJobRecord[]> {
    const jobs = this.#keys.group(groupId).jobs
    const rows = await Promise.all(
      ids.map(async (id) =>
        strings(
          await this.#driver.command('HMGET', [
            jobs,
            ...JOB_RECORD_FIELDS.map((f) => `${id}:${f}`),
          ]),
        ),
      ),
    )
    return rows.flatMap((row, i) => stagedJobOf(groupId, ids[i]!, row) ?? [])
  }

  async outbox(groupId: string, before: number | null): Promise<GroupOutboxEntry[]> {
    const hash = hashEntries(
      await this.#driver.command('HGETALL', [this.#keys.group(groupId).outbox]),
    )
    const expiresAt = hash.get('expiresAt')
    if (expiresAt === undefined || Number(expiresAt) <= this.#now()) return []
    const entries: GroupOutboxEntry[] = []
    for (const [field, text] of [...hash].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const at = field.lastIndexOf('|')
      if (at < 0) continue
      const entry = JSON.parse(text) as OutboxEntry
      if (before !== null && entry.dueAt >= before) continue
      entries.push({ scope: field.slice(0, at), signal: field.slice(at + 1) as Signal, ...entry })
    }
    return entries.sort((x, y) => x.dueAt - y.dueAt)
  }
}

function isString(value: string | null): value is string {
  return value !== null
}
