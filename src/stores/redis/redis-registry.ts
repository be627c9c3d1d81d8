import {
  decodeRegistryCursor,
  encodeRegistryCursor,
  indexedPrefixesOf,
  nameKeyOf,
  PREFIX_DEPTH,
  prefixLookupOf,
  type RegistryEntry,
  type RegistryFilter,
  type RegistryPage,
  type RegistryPosition,
  SCAN_BOUND,
} from '../../domain/registry-query.js'
import type { RegistryNames, RegistryStore } from '../../store/registry-store.js'
import type { UnitKind } from '../../store/unit-ref.js'
import type { RedisDriver } from './driver.js'
import type { RedisKeys } from './keys.js'
import { SCRIPTS } from './scripts.generated.js'

/**
 * Per kind, in one slot: a sorted set by creation time, a hash of names, and one sorted set
 * per indexed name prefix (domain/registry-query.ts). A page is one script call.
 */
export class RedisRegistryStore implements RegistryStore {
  readonly #driver: RedisDriver
  readonly #keys: RedisKeys

  constructor(driver: RedisDriver, keys: RedisKeys) {
    this.#driver = driver
    this.#keys = keys
  }

  async register(
    kind: UnitKind,
    id: string,
    createdAt: number,
    names?: RegistryNames,
  ): Promise<void> {
    const time = this.#keys.registry(kind)
    const name = names?.name ?? null
    if (name === null && (names?.description ?? null) === null) {
      await this.#driver.command('ZADD', [time, 'NX', createdAt, id])
      return
    }
    const prefixes = name === null ? [] : indexedPrefixesOf(name)
    const prefixKeys = Array.from({ length: PREFIX_DEPTH }, (_, i) => {
      const prefix = prefixes[Math.min(i, prefixes.length - 1)]
      return prefix === undefined ? time : this.#keys.registryPrefix(kind, prefix)
    })
    const meta = JSON.stringify([name === null ? null : nameKeyOf(name), name, names?.description])
    await this.#driver.runScript(
      SCRIPTS.registerUnit,
      [time, this.#keys.registryMeta(kind), ...prefixKeys],
      [id, createdAt, meta],
    )
  }

  async page(
    kind: UnitKind,
    cursor: string | null,
    limit: number,
    filter: RegistryFilter = {},
  ): Promise<RegistryPage> {
    const after = decodeRegistryCursor(cursor)
    const lookup = filter.namePrefix === undefined ? null : prefixLookupOf(filter.namePrefix)
    const index = lookup ? this.#keys.registryPrefix(kind, lookup.index) : this.#keys.registry(kind)
    const order = filter.order ?? 'newest'
    const [start, end] = scoreRange(order, filter, after)
    const reply = await this.#driver.runScript(
      SCRIPTS.pageRegistry,
      [index, this.#keys.registryMeta(kind)],
      [
        order,
        start,
        end,
        after ? after.createdAt : '',
        after ? after.id : '',
        limit,
        lookup?.check ?? '',
        SCAN_BOUND,
      ],
    )
    return pageOfReply(reply)
  }

  async entry(kind: UnitKind, id: string): Promise<RegistryEntry | null> {
    const [score, meta] = await Promise.all([
      this.#driver.command('ZSCORE', [this.#keys.registry(kind), id]),
      this.#driver.command('HGET', [this.#keys.registryMeta(kind), id]),
    ])
    if (score === null || score === undefined) return null
    return { id, createdAt: Number(score), ...namesOf(meta) }
  }

  async remove(kind: UnitKind, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return
    const metaKey = this.#keys.registryMeta(kind)
    const metas = (await this.#driver.command('HMGET', [metaKey, ...ids])) as unknown[]
    const removals: Promise<unknown>[] = [
      this.#driver.command('ZREM', [this.#keys.registry(kind), ...ids]),
      this.#driver.command('HDEL', [metaKey, ...ids]),
    ]
    ids.forEach((id, i) => {
      const name = namesOf(metas[i]).name
      for (const prefix of name === null ? [] : indexedPrefixesOf(name))
        removals.push(this.#driver.command('ZREM', [this.#keys.registryPrefix(kind, prefix), id]))
    })
    await Promise.all(removals)
  }
}

/** The inclusive score bounds to read, in the order's direction, from the cursor on. */
function scoreRange(
  order: 'newest' | 'oldest',
  filter: RegistryFilter,
  after: RegistryPosition | null,
): [number | string, number | string] {
  const from = filter.createdFrom ?? Number.NEGATIVE_INFINITY
  const to = filter.createdTo ?? Number.POSITIVE_INFINITY
  const bound = (value: number) =>
    value === Number.POSITIVE_INFINITY
      ? '+inf'
      : value === Number.NEGATIVE_INFINITY
        ? '-inf'
        : value
  if (order === 'newest') return [bound(Math.min(to, after?.createdAt ?? to)), bound(from)]
  return [bound(Math.max(from, after?.createdAt ?? from)), bound(to)]
}

function namesOf(meta: unknown): RegistryNames {
  if (typeof meta !== 'string' || meta === '') return { name: null, description: null }
  const [, name, description] = JSON.parse(meta) as [unknown, unknown, unknown]
  return {
    name: typeof name === 'string' ? name : null,
    description: typeof description === 'string' ? description : null,
  }
}

function pageOfReply(reply: unknown): RegistryPage {
  const values = (Array.isArray(reply) ? reply : []).map((value) => String(value))
  const entries: RegistryEntry[] = []
  for (let i = 2; i + 2 < values.length; i += 3) {
    entries.push({ id: values[i]!, createdAt: Number(values[i + 1]), ...namesOf(values[i + 2]) })
  }
  const [score, id] = values
  const cursor = score ? encodeRegistryCursor({ createdAt: Number(score), id: id ?? '' }) : null
  return { entries, cursor }
}
