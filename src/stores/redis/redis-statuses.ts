import { type StatusState, statusTopic } from '../../domain/status-state.js'
import type {
  StatusPatch,
  StatusRecord,
  StatusStore,
  WriteStatusResult,
} from '../../store/status-store.js'
import type { UnitRef } from '../../store/unit-ref.js'
import type { RedisDriver } from './driver.js'
import type { RedisKeys } from './keys.js'
import { integers } from './replies.js'
import { SCRIPTS } from './scripts.generated.js'

/** Statuses in Redis: one hash per status, one script call per write, one HGETALL per read. */
export class RedisStatusStore implements StatusStore {
  readonly #driver: RedisDriver
  readonly #keys: RedisKeys
  readonly #now: () => number

  constructor(driver: RedisDriver, keys: RedisKeys, now: () => number) {
    this.#driver = driver
    this.#keys = keys
    this.#now = now
  }

  async writeStatus(
    unit: UnitRef,
    patch: StatusPatch,
    maxFieldBytes: number,
  ): Promise<WriteStatusResult> {
    const args = [
      unit.ttlMs,
      this.#now(),
      this.#keys.channel(statusTopic(unit.id)),
      unit.id,
      patch.state ?? '',
      patch.total ?? '',
      patch.progress ?? '',
      patch.increment,
      patch.finish ? '1' : '0',
      maxFieldBytes,
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

  async readStatus(id: string): Promise<StatusRecord | null> {
    return toRecord(await this.#driver.command('HGETALL', [this.#keys.status(id)]))
  }

  async readStatuses(ids: readonly string[]): Promise<(StatusRecord | null)[]> {
    return Promise.all(ids.map((id) => this.readStatus(id)))
  }

  async ttlMs(id: string): Promise<number | null> {
    const ttl = await this.#driver.command('PTTL', [this.#keys.status(id)])
    return typeof ttl === 'number' && ttl >= 0 ? ttl : null
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

function toRecord(reply: unknown): StatusRecord | null {
  const hash = hashEntries(reply)
  const state = hash.get('status')
  if (state === undefined) return null
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
  }
}

function numberOrNull(value: string | undefined): number | null {
  return value === undefined ? null : Number(value)
}
