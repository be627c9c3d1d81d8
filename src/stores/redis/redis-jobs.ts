import { densePartIndex } from '../../domain/dense-part.js'
import { pushAfterCloseError } from '../../domain/job-errors.js'
import type {
  CloseJobResult,
  DonePartResult,
  FailedPartsPage,
  JobRecord,
  JobStore,
  OpenPartsPage,
  PartOutcome,
  PushPartsResult,
} from '../../store/job-store.js'
import type { UnitRef } from '../../store/unit-ref.js'
import type { RedisDriver } from './driver.js'
import type { RedisKeys } from './keys.js'
import {
  decodeOpenPartsCursor,
  readDenseOpenParts,
  readStringOpenParts,
} from './redis-open-parts.js'
import { integer, integers, strings } from './replies.js'
import { SCRIPTS } from './scripts.generated.js'

const RECORD_FIELDS = [
  'total',
  'open',
  'succeeded',
  'failed',
  'closed',
  'finished',
  'stopped',
  'stopReason',
  'createdAt',
  'finishedAt',
] as const

function toRecord(values: (string | null)[]): JobRecord | null {
  const [
    total,
    open,
    succeeded,
    failed,
    closed,
    finished,
    stopped,
    stopReason,
    createdAt,
    finishedAt,
  ] = values
  if (closed === null || closed === undefined) return null
  return {
    total: Number(total),
    open: Number(open),
    succeeded: Number(succeeded),
    failed: Number(failed),
    closed: closed === '1',
    finished: finished === '1',
    stopped: stopped === '1',
    stopReason: stopReason ?? null,
    createdAt: Number(createdAt),
    finishedAt: finishedAt ? Number(finishedAt) : null,
  }
}

/** Distributed jobs in Redis: one script call per write, one command per read. */
export class RedisJobStore implements JobStore {
  readonly #driver: RedisDriver
  readonly #keys: RedisKeys
  readonly #now: () => number

  constructor(driver: RedisDriver, keys: RedisKeys, now: () => number) {
    this.#driver = driver
    this.#keys = keys
    this.#now = now
  }

  async pushParts(
    unit: UnitRef,
    parts: readonly string[],
    close: boolean,
  ): Promise<PushPartsResult> {
    const dense: number[] = []
    const other: string[] = []
    for (const part of parts) {
      const index = densePartIndex(part)
      if (index >= 0) dense.push(index)
      else other.push(part)
    }
    const now = this.#now()
    const args = [unit.ttlMs, now, close ? '1' : '0', dense.length, ...dense, ...other]
    const reply = await this.#driver.runScript(SCRIPTS.pushParts, this.#jobKeys(unit.id), args)
    const [created, added, last] = integers(reply, 'push-parts')
    if (created === -1) throw pushAfterCloseError(unit.id)
    return {
      created: created === 1,
      createdAt: created === 1 ? now : null,
      added: added ?? 0,
      lastOfClosedUnit: last === 1,
    }
  }

  async closeJob(unit: UnitRef): Promise<CloseJobResult> {
    const now = this.#now()
    const keys = this.#jobKeys(unit.id)
    const reply = await this.#driver.runScript(SCRIPTS.closeJob, keys, [unit.ttlMs, now])
    const [closed, created, last] = integers(reply, 'close-job')
    return {
      closed: closed === 1,
      created: created === 1,
      createdAt: created === 1 ? now : null,
      lastOfClosedUnit: last === 1,
    }
  }

  async donePart(unit: UnitRef, part: string, outcome: PartOutcome): Promise<DonePartResult> {
    const reason = outcome.kind === 'failed' ? outcome.reason : ''
    const args = [unit.ttlMs, this.#now(), densePartIndex(part), part, outcome.kind, reason]
    const reply = await this.#driver.runScript(SCRIPTS.donePart, this.#jobKeys(unit.id), args)
    const settled = integer(reply, 'done-part')
    return { removed: settled >= 1, lastOfClosedUnit: settled === 2 }
  }

  async stopJob(unit: UnitRef, reason: string | null): Promise<{ found: boolean }> {
    const args = [unit.ttlMs, this.#now(), reason ?? '']
    const reply = await this.#driver.runScript(SCRIPTS.stopJob, this.#jobKeys(unit.id), args)
    return { found: integer(reply, 'stop-job') === 1 }
  }

  async isOpenPart(id: string, part: string): Promise<boolean> {
    const keys = this.#keys.job(id)
    const index = densePartIndex(part)
    if (index >= 0) return (await this.#driver.command('GETBIT', [keys.bits, index * 2 + 1])) === 1
    return (await this.#driver.command('HGET', [keys.parts, part])) === 'o'
  }

  async readJob(id: string): Promise<JobRecord | null> {
    const reply = await this.#driver.command('HMGET', [this.#keys.job(id).state, ...RECORD_FIELDS])
    return toRecord(strings(reply))
  }

  async readJobs(ids: readonly string[]): Promise<(JobRecord | null)[]> {
    return Promise.all(ids.map((id) => this.readJob(id)))
  }

  async openParts(id: string, cursor: string | null, limit: number): Promise<OpenPartsPage> {
    const keys = this.#keys.job(id)
    const position = decodeOpenPartsCursor(cursor)
    if (position.phase === 'dense') {
      const page = await readDenseOpenParts(this.#driver, keys.bits, position.offset, limit)
      if (page.cursor !== null || page.parts.length > 0) return page
      return readStringOpenParts(this.#driver, keys.parts, '0', limit)
    }
    return readStringOpenParts(this.#driver, keys.parts, position.offset, limit)
  }

  /** One script call: see lua/failed-parts.lua for how compact and large hashes are paged. */
  async failedParts(id: string, cursor: string | null, limit: number): Promise<FailedPartsPage> {
    const [scan = '0', skip = '0'] = (cursor ?? '0').split('.')
    const state = this.#keys.job(id).state
    const reply = await this.#driver.runScript(SCRIPTS.failedParts, [state], [scan, skip, limit])
    const [next = '0', nextSkip = '0', ...flat] = Array.isArray(reply) ? reply.map(String) : []
    const page = new Map<string, string>()
    for (let i = 0; i + 1 < flat.length; i += 2) page.set(flat[i]!, flat[i + 1]!)
    const failures = [...page].map(([part, reason]) => ({ part, reason }))
    return { failures, cursor: failedPartsCursor(next, nextSkip) }
  }

  async ttlMs(id: string): Promise<number | null> {
    const keys = this.#keys.job(id)
    const ttls = await Promise.all(
      [keys.state, keys.bits, keys.parts].map((key) => this.#driver.command('PTTL', [key])),
    )
    const alive = ttls.filter((ttl): ttl is number => typeof ttl === 'number' && ttl >= 0)
    return alive.length === 0 ? null : Math.min(...alive)
  }

  #jobKeys(id: string): string[] {
    const keys = this.#keys.job(id)
    return [keys.state, keys.bits, keys.parts]
  }
}

/** `<scan>` while walking a hashtable, `0.<skip>` while paging a compact hash, null at the end. */
function failedPartsCursor(scan: string, skip: string): string | null {
  if (skip !== '0') return `0.${skip}`
  return scan === '0' ? null : scan
}
