import type { Cluster, Redis } from 'ioredis'
import { ttlToMs } from './domain/ttl.js'
import { InvalidArgumentError } from './errors/jobledger-error.js'
import type { Dispatch } from './facades/stage-payload.js'
import type { GroupSummary, StagesErrorContext } from './facades/stages-context.js'
import type { Store } from './store/store.js'
import type { RedisDriverName } from './stores/redis/driver-for.js'
import type { NodeRedisConnection } from './stores/redis/node-redis-types.js'

export interface LedgerOptions {
  /**
   * A Redis URL, or a client you made and keep closing: an ioredis `Redis` or `Cluster`, or a
   * node-redis `createClient()` or `createCluster()`.
   */
  redis?: string | Redis | Cluster | NodeRedisConnection
  /** The client library a Redis URL is opened with: 'ioredis' (default) or 'node-redis'. */
  redisDriver?: RedisDriverName
  /** Namespace of every Redis key; default `jobledger`. */
  prefix?: string
  /** A store to use as-is, e.g. one `createMemoryStore()` shared by several ledgers. */
  store?: Store
  /** Hands a staged job to your queue, e.g. `(p) => queue.add(p.name, p, { delay: p.delayMs })`. */
  dispatch?: Dispatch
  /** How long a completed group is kept before it is deleted, in ms; default 0 (at once). */
  keepCompletedMs?: number
  /** Called once, in the process that completed a group's last stage, with its summary. */
  onComplete?: (summary: GroupSummary) => unknown
  /**
   * Called when work after a staged job's recorded outcome fails (dispatching the next stage,
   * onComplete); also published as the `stages.error` event. The job's outcome stands.
   */
  onError?: (error: unknown, context: StagesErrorContext) => unknown
  /** Seconds a group lives after its last write (every write refreshes it); default 7 days. */
  groupTtl?: number
}

/** Refuses contradictory or ill-typed createLedger options before anything is opened. */
export function validateLedgerOptions(options: LedgerOptions): void {
  if (options.store && options.redis) {
    throw new InvalidArgumentError('Pass either store or redis to createLedger, not both.')
  }
  validateStagesOptions(options)
}

function validateStagesOptions(options: LedgerOptions): void {
  if (options.dispatch !== undefined && typeof options.dispatch !== 'function') {
    throw new InvalidArgumentError('dispatch must be a function (payload) => …')
  }
  if (options.onComplete !== undefined && typeof options.onComplete !== 'function') {
    throw new InvalidArgumentError('onComplete must be a function (summary) => …')
  }
  if (options.onError !== undefined && typeof options.onError !== 'function') {
    throw new InvalidArgumentError('onError must be a function (error, { groupId, jobId }) => …')
  }
  if (options.groupTtl !== undefined) ttlToMs(options.groupTtl, 'groupTtl')
  const keep = options.keepCompletedMs
  if (
    keep !== undefined &&
    !(typeof keep === 'number' && Number.isSafeInteger(keep) && keep >= 0)
  ) {
    throw new InvalidArgumentError('keepCompletedMs must be a non-negative integer of ms.')
  }
}

/** The stages part of the options, in the shape StagesContext takes. */
export function stagesOptions(options: LedgerOptions) {
  const { dispatch, keepCompletedMs, onComplete, onError, groupTtl } = options
  return {
    ...(dispatch ? { dispatch } : {}),
    ...(keepCompletedMs === undefined ? {} : { keepCompletedMs }),
    ...(onComplete ? { onComplete } : {}),
    ...(onError ? { onError } : {}),
    ...(groupTtl === undefined ? {} : { groupTtlMs: ttlToMs(groupTtl, 'groupTtl') }),
  }
}
