import { optionsOf } from '../domain/options.js'
import { InvalidArgumentError } from '../errors/jobledger-error.js'
import type { Store } from '../store/store.js'
import { recoverCallbacks } from './callback-recovery.js'
import type { CallbackDispatch } from './callbacks.js'
import type { StagesContext } from './stages-context.js'

export interface CleanupOrphansOptions {
  /** Only repair what has been stuck at least this long (ms); default one minute. */
  olderThanMs?: number
  /**
   * A group whose withinGrouping block never returned (unsealed) is initiated only once it is
   * this old (ms), its producer presumed dead; default one hour. A block still running younger
   * than that is left alone, however long it takes.
   */
  unsealedOlderThanMs?: number
}

const DEFAULT_OLDER_THAN_MS = 60_000
const DEFAULT_UNSEALED_OLDER_THAN_MS = 3_600_000

interface Cutoffs {
  /** Repair what is older than this (ms since the epoch). */
  before: number
  /** Initiate an unsealed group only when created before this. */
  unsealedBefore: number
}

export interface CleanupOrphansResult {
  /** Registry entries of groups that no longer exist, removed. */
  removed: number
  /** Queued jobs whose dispatch was never confirmed, dispatched again. */
  redispatched: number
  /** Groups with no running stage and an incomplete one (sealed, or unsealed and old), initiated. */
  initiated: number
  /** Durable callbacks due longer than `olderThanMs` and never confirmed, dispatched again. */
  callbacks: number
}

/** Maintenance across every face of the ledger's namespace. */
export class Cleaner {
  readonly #store: Store
  readonly #stages: StagesContext
  readonly #callbacks: CallbackDispatch

  constructor(store: Store, stages: StagesContext, callbacks: CallbackDispatch) {
    this.#store = store
    this.#stages = stages
    this.#callbacks = callbacks
  }

  /** Deletes everything this ledger's namespace holds, of every kind. Returns the count removed. */
  async purgeAll(): Promise<number> {
    return this.#store.purge()
  }

  /**
   * Repairs what a crash left behind: re-dispatches queued jobs whose dispatch was never
   * confirmed, initiates groups with no running stage, forgets groups that are gone, and
   * re-dispatches durable callbacks (of jobs, batches, stages and groups) due longer than
   * `olderThanMs` and never confirmed, found through the callback index (no keyspace scan).
   * Jobs and callbacks may reach the queue twice; the second `run` of a settled job is
   * refused, and a callback's `idempotencyKey` lets the queue drop the second delivery.
   *
   * @example
   * setInterval(() => ledger.cleaner.cleanupOrphans().catch(console.error), 60_000)
   */
  async cleanupOrphans(options: CleanupOrphansOptions = {}): Promise<CleanupOrphansResult> {
    const { olderThanMs, unsealedOlderThanMs } = optionsOf(options, 'cleanupOrphans options')
    const now = this.#store.now()
    const cutoffs: Cutoffs = {
      before: now - validMs(olderThanMs, DEFAULT_OLDER_THAN_MS, 'olderThanMs'),
      unsealedBefore:
        now - validMs(unsealedOlderThanMs, DEFAULT_UNSEALED_OLDER_THAN_MS, 'unsealedOlderThanMs'),
    }
    const result: CleanupOrphansResult = {
      removed: 0,
      redispatched: 0,
      initiated: 0,
      callbacks: 0,
    }
    await this.#stages.flushConfirmations()
    let cursor: string | null = null
    do {
      const page = await this.#store.registry.page('group', cursor, 100)
      for (const entry of page.entries) await this.#repair(entry.id, cutoffs, result)
      cursor = page.cursor
    } while (cursor !== null)
    await this.#stages.flushConfirmations()
    const recheckMs = Math.max(1_000, now - cutoffs.before)
    const recovered = await recoverCallbacks(
      this.#store,
      this.#callbacks,
      cutoffs.before,
      recheckMs,
    )
    result.callbacks = recovered.redispatched
    return result
  }

  async #repair(groupId: string, cutoffs: Cutoffs, result: CleanupOrphansResult): Promise<void> {
    const stages = this.#store.stages
    const group = await stages.readGroup(groupId)
    if (!group) {
      await this.#store.registry.remove('group', [groupId])
      result.removed++
      return
    }
    if (group.compact || group.completedAt !== null) return
    const stuck = await stages.undispatched(groupId, cutoffs.before)
    if (stuck.length > 0) {
      await this.#stages.dispatch(groupId, stuck)
      result.redispatched += stuck.length
    }
    if (group.state === 'stopped' || group.createdAt >= cutoffs.before) return
    const records = await stages.readStages(groupId)
    if (records.some((stage) => stage.status === 'running')) return
    if (!group.sealed && group.createdAt >= cutoffs.unsealedBefore) return
    const initiated = await this.#stages.write('cleanupOrphans', undefined, (op) =>
      stages.initiate(groupId, null, op),
    )
    await this.#stages.settle(groupId, initiated)
    result.initiated++
  }
}

function validMs(value: unknown, fallback: number, name: string): number {
  if (value === undefined) return fallback
  if (typeof value === 'number' && Number.isFinite(value)) return value
  throw new InvalidArgumentError(`${name} must be a number of milliseconds, got ${String(value)}.`)
}
