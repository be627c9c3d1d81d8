import type { RegistryEntry, RegistryPage, RegistryStore } from '../../store/registry-store.js'
import type { UnitKind } from '../../store/unit-ref.js'
import {
  compareNewestFirst,
  decodeRegistryCursor,
  encodeRegistryCursor,
} from '../registry-cursor.js'
import type { RedisDriver } from './driver.js'
import type { RedisKeys } from './keys.js'
import { scoredMembers } from './replies.js'

/** One sorted set per kind, scored by creation time; read newest first. */
export class RedisRegistryStore implements RegistryStore {
  readonly #driver: RedisDriver
  readonly #keys: RedisKeys

  constructor(driver: RedisDriver, keys: RedisKeys) {
    this.#driver = driver
    this.#keys = keys
  }

  async register(kind: UnitKind, id: string, createdAt: number): Promise<void> {
    await this.#driver.command('ZADD', [this.#keys.registry(kind), 'NX', createdAt, id])
  }

  async page(kind: UnitKind, cursor: string | null, limit: number): Promise<RegistryPage> {
    const after = decodeRegistryCursor(cursor)
    const max = after ? after.createdAt : '+inf'
    const entries: RegistryEntry[] = []
    // Entries sharing the cursor's timestamp are re-read and skipped; fetch past them.
    for (let offset = 0; ; ) {
      const batch = await this.#range(kind, max, offset, limit + 1)
      offset += batch.length
      for (const entry of batch) {
        if (!after || compareNewestFirst(entry, after) > 0) entries.push(entry)
      }
      if (entries.length > limit || batch.length < limit + 1) break
    }
    const page = entries.slice(0, limit)
    const last = page.at(-1)
    return {
      entries: page,
      cursor: entries.length > limit && last ? encodeRegistryCursor(last) : null,
    }
  }

  async remove(kind: UnitKind, ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.#driver.command('ZREM', [this.#keys.registry(kind), ...ids])
  }

  async #range(
    kind: UnitKind,
    max: number | string,
    offset: number,
    count: number,
  ): Promise<RegistryEntry[]> {
    const args = [
      this.#keys.registry(kind),
      max,
      '-inf',
      'BYSCORE',
      'REV',
      'LIMIT',
      offset,
      count,
      'WITHSCORES',
    ]
    return scoredMembers(await this.#driver.command('ZRANGE', args)).map(([id, score]) => ({
      id,
      createdAt: score,
    }))
  }
}
