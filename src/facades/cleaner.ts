import { optionsOf } from '../domain/options.js'
import type { Store } from '../store/store.js'
import type { StagesContext } from './stages-context.js'

export interface CleanupOrphansOptions {
  /** Only repair what has been stuck at least this long (ms); default one minute. */
  olderThanMs?: number
}

export interface CleanupOrphansResult {
  /** Registry entries of groups that no longer exist, removed. */
  removed: number
  /** Queued jobs whose dispatch was never confirmed, dispatched again. */
  redispatched: number
  /** Groups with no running stage and an incomplete one, initiated. */
  initiated: number
}

/** Maintenance across every face of the ledger's namespace. */
export class Cleaner {
  readonly #store: Store
  readonly #stages: StagesContext

  constructor(store: Store, stages: StagesContext) {
    this.#store = store
    this.#stages = stages
  }

  /** Deletes everything this ledger's namespace holds, of every kind. Returns the count removed. */
  async purgeAll(): Promise<number> {
    return this.#store.purge()
  }

  /**
   * Repairs groups left behind by a crash: re-dispatches queued jobs whose dispatch was never
   * confirmed, initiates groups with no running stage, forgets groups that are gone.
   * Jobs may reach the queue twice; the second `run` of a settled job is refused.
   */
  async cleanupOrphans(options: CleanupOrphansOptions = {}): Promise<CleanupOrphansResult> {
    const { olderThanMs } = optionsOf(options, 'cleanupOrphans options')
    const before = this.#store.now() - (olderThanMs ?? 60_000)
    const result: CleanupOrphansResult = { removed: 0, redispatched: 0, initiated: 0 }
    let cursor: string | null = null
    do {
      const page = await this.#store.registry.page('group', cursor, 100)
      for (const entry of page.entries) await this.#repair(entry.id, before, result)
      cursor = page.cursor
    } while (cursor !== null)
    return result
  }

  async #repair(groupId: string, before: number, result: CleanupOrphansResult): Promise<void> {
    const stages = this.#store.stages
    const group = await stages.readGroup(groupId)
    if (!group) {
      await this.#store.registry.remove('group', [groupId])
      result.removed++
      return
    }
    if (group.completedAt !== null) return
    const stuck = await stages.undispatched(groupId, before)
    if (stuck.length > 0) {
      await this.#stages.dispatch(groupId, stuck)
      result.redispatched += stuck.length
    }
    const records = await stages.readStages(groupId)
    const running = records.some((stage) => stage.status === 'running')
    if (running || group.createdAt >= before) return
    await this.#stages.settle(groupId, await stages.initiate(this.#stages.ref(groupId), null))
    result.initiated++
  }
}
