import type { Cluster, Redis } from 'ioredis'
import { newToken, validateId } from './domain/ids.js'
import { DEFAULT_JOB_TTL_SECONDS, ttlToMs } from './domain/ttl.js'
import { InvalidArgumentError } from './errors/jobledger-error.js'
import { Cleaner } from './facades/cleaner.js'
import { Job } from './facades/job.js'
import { type ListOptions, type ListResult, listUnits } from './facades/listing.js'
import { Queue, type QueueOptions } from './facades/queue.js'
import type { Store } from './store/store.js'
import { createMemoryStore } from './stores/memory/memory-store.js'
import { connectIoredis, wrapIoredis } from './stores/redis/ioredis-driver.js'
import { createRedisStore } from './stores/redis/redis-store.js'

export interface LedgerOptions {
  /** A Redis URL, or an ioredis `Redis` or `Cluster` you made (you keep closing it). */
  redis?: string | Redis | Cluster
  /** Namespace of every Redis key; default `jobledger`. */
  prefix?: string
  /** A store to use as-is, e.g. one `createMemoryStore()` shared by several ledgers. */
  store?: Store
}

export interface JobOptions {
  /** Seconds the job lives after its last write; every write refreshes it. Default one day. */
  ttl?: number
}

const openLedgers = new Set<Ledger>()

/**
 * The entry point: one ledger per process (or per test), over one store.
 *
 * @example
 * const ledger = createLedger()                                   // embedded, in-process
 * const ledger = createLedger({ redis: 'redis://127.0.0.1:6379' }) // shared, production
 */
export class Ledger {
  readonly store: Store
  /** Purging and repairs across every face. */
  readonly cleaner: Cleaner
  readonly #ownsStore: boolean
  /** Aborted by close(): wakes blocked pops (they return null) and stops queue listeners. */
  readonly #closing = new AbortController()

  constructor(store: Store, ownsStore: boolean) {
    this.store = store
    this.cleaner = new Cleaner(store)
    this.#ownsStore = ownsStore
    openLedgers.add(this)
  }

  /** Opens a distributed job by token, or starts a new one with a random token. */
  job(token?: string, options: JobOptions = {}): Job {
    const id = token === undefined ? newToken() : validateId(token, 'token')
    return new Job(this.store, { id, ttlMs: ttlToMs(options.ttl ?? DEFAULT_JOB_TTL_SECONDS) })
  }

  /**
   * A tracked FIFO queue by name (created by its first push).
   *
   * @example
   * const q = ledger.queue('imports', { leaseMs: 60_000 })
   * const id = await q.createAndPush({ file: 'a.csv' })
   */
  queue<TData = unknown, TResult = unknown>(
    name: string,
    options: QueueOptions = {},
  ): Queue<TData, TResult> {
    return new Queue<TData, TResult>(this.store, name, options, this.#closing.signal)
  }

  /** Live units of one kind, newest first. */
  list(options: ListOptions): Promise<ListResult> {
    return listUnits(this.store, options)
  }

  async close(): Promise<void> {
    if (!openLedgers.delete(this)) return
    this.#closing.abort()
    if (this.#ownsStore) await this.store.close()
  }
}

/** Creates a ledger over the embedded store, a Redis URL or connection, or a given store. */
export function createLedger(options: LedgerOptions = {}): Ledger {
  if (options.store && options.redis) {
    throw new InvalidArgumentError('Pass either store or redis to createLedger, not both.')
  }
  if (options.store) return new Ledger(options.store, false)
  if (options.redis === undefined) return new Ledger(createMemoryStore(), true)
  const driver =
    typeof options.redis === 'string' ? connectIoredis(options.redis) : wrapIoredis(options.redis)
  const prefix = options.prefix === undefined ? {} : { prefix: options.prefix }
  return new Ledger(createRedisStore(driver, prefix), true)
}

/** Ledgers created and not yet closed in this process (for leak checks in tests). */
export function countOpenLedgers(): number {
  return openLedgers.size
}
