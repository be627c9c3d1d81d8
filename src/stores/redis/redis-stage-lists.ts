import type { RedisDriver } from './driver.js'
import type { RedisKeys } from './keys.js'
import { strings } from './replies.js'

const MAX_GROUPS = 10_000

/**
 * The stage numbers of recently used groups, so a group script usually needs no read before
 * it. A list may lack a stage another process added since: every group script detects that
 * (code -2) and the caller forgets the list and reads it again. Stages are only ever added, and
 * a list is remembered only while it holds stored stages alone (the cheaper scripts compare
 * counts), so a stage that a refused write would have created is never kept.
 */
export class StageLists {
  readonly #driver: RedisDriver
  readonly #keys: RedisKeys
  readonly #lists = new Map<string, readonly number[]>()

  constructor(driver: RedisDriver, keys: RedisKeys) {
    this.#driver = driver
    this.#keys = keys
  }

  /** The group's stages in ascending order, with `extra` (a stage about to be created). */
  async get(groupId: string, extra: number | null): Promise<number[]> {
    const known = this.#lists.get(groupId) ?? (await this.#read(groupId))
    if (extra === null || known.includes(extra)) return [...known]
    return [...known, extra].sort((a, b) => a - b)
  }

  /** Remembers the list a script ran with and did not find stale. */
  remember(groupId: string, stages: readonly number[]): void {
    this.#lists.delete(groupId)
    if (this.#lists.size >= MAX_GROUPS) {
      const oldest = this.#lists.keys().next().value
      if (oldest !== undefined) this.#lists.delete(oldest)
    }
    this.#lists.set(groupId, stages)
  }

  forget(groupId: string): void {
    this.#lists.delete(groupId)
  }

  async #read(groupId: string): Promise<number[]> {
    const reply = strings(
      await this.#driver.command('ZRANGE', [this.#keys.group(groupId).stages, 0, -1]),
    )
    return reply.flatMap((n) => (n === null ? [] : [Number(n)])).sort((a, b) => a - b)
  }
}
