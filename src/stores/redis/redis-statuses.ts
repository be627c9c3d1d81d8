import { type StatusState, statusTopic } from '../../domain/status-state.js'
import type { UnitRef } from '../../domain/unit-ref.js'
import type {
  StatusPatch,
  StatusRecord,
  StatusRef,
  StatusStore,
  WriteStatusResult,
} from '../../store/status-store.js'
import type { RedisDriver } from './driver.js'
import type { RedisKeys } from './keys.js'
import { integers } from './replies.js'
import type { ScriptClock } from './script-clock.js'
import { SCRIPTS } from './scripts.generated.js'

/** Statuses in Redis: one hash per status, one script call per write, one HGETALL per read. */
export class RedisStatusStore implements StatusStore {
  readonly #driver: RedisDriver
  readonly #keys: RedisKeys
  readonly #clock: ScriptClock

  constructor(driver: RedisDriver, keys: RedisKeys, clock: ScriptClock) {
    this.#driver = driver
    this.#keys = keys
    this.#clock = clock
  }

  async writeStatus(
    unit: StatusRef,
    patch: StatusPatch,
    maxFieldBytes: number,
    op: string,
  ): Promise<WriteStatusResult> {
    const args = [
      this.#clock.arg(),
      op,
      unit.creation.ttlMs,
      this.#keys.channel(statusTopic(unit.id)),
      JSON.stringify(unit.id),
      patch.state ?? '',
      patch.total ?? '',
      patch.progress ?? '',
      patch.increment,
      patch.finish ? '1' : '0',
      maxFieldBytes,
      unit.subject ? JSON.stringify(unit.subject) : '',
      ...Object.entries(patch.fields).flat(),
    ]
    const reply = await this.#driver.runScript(
      SCRIPTS.writeStatus,
      [this.#keys.status(unit.id)],
      args,
    )
    const [ok, created, rev, createdAt] = integers(reply, 'write-status')
    if (ok !== 1) return { ok: false, fieldBytes: created ?? 0 }
    return { ok: true, created: created === 1, rev: rev ?? 0, createdAt: createdAt ?? 0 }
  }

  async setTtl(id: string, ttlMs: number, op: string): Promise<boolean> {
    const reply = await this.#driver.runScript(
      SCRIPTS.setStatusTtl,
      [this.#keys.status(id)],
      [this.#clock.arg(), op, ttlMs],
    )
    return Number(reply) === 1
  }

  async readStatus(id: string): Promise<StatusRecord | null> {
    const reply = await this.#driver.command('HGETALL', [this.#keys.status(id)])
    return toRecord(reply, this.#clock.now())
  }

  async readStatuses(ids: readonly string[]): Promise<(StatusRecord | null)[]> {
    return Promise.all(ids.map((id) => this.readStatus(id)))
  }

  async ttlMs(id: string): Promise<number | null> {
    const reply = await this.#driver.command('HGET', [this.#keys.status(id), 'expiresAt'])
    if (reply === null || reply === undefined) return null
    const left = Number(reply) - this.#clock.now()
    return left > 0 ? left : null
  }
}

/** HGETALL arrives as a map (RESP3, ioredis gives an object or array of pairs) or a flat list. */
function hashEntries(reply: unknown): Map<string, string> {
  if (reply instanceof Map) return new Map([...reply].map(([k, v]) => [String(k), String(v)]))
  if (Array.isArray(reply)) {
    const entries = new Map<string, string>()
    for (let i = 0; i + 1 < reply.length; i += 2)
      entries.set(String(reply[i]), String(reply[i + 1]))
    return entries
  }
  if (reply !== null && typeof reply === 'object') {
    return new Map(Object.entries(reply).map(([k, v]) => [k, String(v)]))
  }
  return new Map()
}

function toRecord(reply: unknown, now: number): StatusRecord | null {
  const hash = hashEntries(reply)
  const state = hash.get('status')
  const expiresAt = Number(hash.get('expiresAt'))
  if (state === undefined || !(expiresAt > now)) return null
  const fields: Record<string, string> = {}
  for (const [name, value] of hash) if (name.startsWith('f:')) fields[name.slice(2)] = value
  return {
    state: state as StatusState,
    progress: numberOrNull(hash.get('progress')),
    total: numberOrNull(hash.get('total')),
    fields,
    queuedAt: numberOrNull(hash.get('queuedAt')),
    startedAt: numberOrNull(hash.get('startedAt')),
    finishedAt: numberOrNull(hash.get('finishedAt')),
    createdAt: Number(hash.get('createdAt')),
    updatedAt: Number(hash.get('updatedAt')),
    rev: Number(hash.get('rev')),
    subject: subjectOf(hash.get('subject')),
    ttlMs: Number(hash.get('ttlMs')),
    expiresAt,
  }
}

function numberOrNull(value: string | undefined): number | null {
  return value === undefined ? null : Number(value)
}

function subjectOf(json: string | undefined): UnitRef | null {
  return json ? (JSON.parse(json) as UnitRef) : null
}
