import type {
  CallbackIndexStore,
  CallbackUnit,
  CallbackUnitKind,
} from '../../store/callback-index-store.js'
import { unitOf } from '../memory/memory-callback-index.js'
import type { RedisDriver } from './driver.js'
import type { RedisKeys } from './keys.js'
import { scoredMembers } from './replies.js'

/**
 * The callback index as one sorted set (member `<kind>\n<id>`, score = next check). It spans
 * units, so it is written by single idempotent commands of its own, never inside a unit's script.
 */
export class RedisCallbackIndex implements CallbackIndexStore {
  readonly #driver: RedisDriver
  readonly #key: string

  constructor(driver: RedisDriver, keys: RedisKeys) {
    this.#driver = driver
    this.#key = keys.callbackIndex()
  }

  async mark(kind: CallbackUnitKind, id: string, checkAt: number): Promise<void> {
    await this.#driver.command('ZADD', [this.#key, checkAt, `${kind}\n${id}`])
  }

  async due(before: number, limit: number): Promise<CallbackUnit[]> {
    const args = [this.#key, '-inf', before, 'BYSCORE', 'LIMIT', 0, limit, 'WITHSCORES']
    const reply = await this.#driver.command('ZRANGE', args)
    return scoredMembers(reply).map(([member, checkAt]) => unitOf(member, checkAt))
  }

  async forget(kind: CallbackUnitKind, id: string): Promise<void> {
    await this.#driver.command('ZREM', [this.#key, `${kind}\n${id}`])
  }

  async size(): Promise<number> {
    return Number(await this.#driver.command('ZCARD', [this.#key]))
  }
}
