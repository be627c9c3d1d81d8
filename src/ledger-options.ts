import type { Cluster, Redis } from 'ioredis'
import type { Clock } from './domain/clock.js'
import {
  type DefaultsOptions,
  resolveDefaults,
  secondsAliasToMs,
  type UnitDefaults,
  validateDurationMs,
} from './domain/policy.js'
import { ttlToMs } from './domain/ttl.js'
import { InvalidArgumentError } from './errors/jobledger-error.js'
import type { Dispatch } from './facades/stage-payload.js'
import type { GroupSummary, StagesErrorContext } from './facades/stages-context.js'
import { type SweeperOptions, sweeperOptionsOf } from './facades/sweeper.js'
import { type RetryPolicy, resolveRetryPolicy } from './facades/write-runner.js'
import { type Logger, validateLogger } from './logger.js'
import { validateTelemetry } from './observability/ledger-telemetry.js'
import type { TelemetryOptions } from './observability/telemetry-types.js'
import type { Store } from './store/store.js'
import {
  type ConnectionOptions,
  type ConnectionSettings,
  connectionSettings,
} from './stores/redis/connection-options.js'
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
  /** Alias of `defaults.group.keepCompletedMs` (ms): how long groups this ledger creates keep their details once complete. */
  keepCompletedMs?: number
  /** Called once, in the process that completed a group's last stage, with its summary. */
  onComplete?: (summary: GroupSummary) => unknown
  /**
   * Called when work after a staged job's recorded outcome fails (dispatching the next stage,
   * onComplete); also published as the `stages.error` event. The job's outcome stands.
   */
  onError?: (error: unknown, context: StagesErrorContext) => unknown
  /** Seconds a group lives after its last write. Alias of `defaults.group.ttlMs` (in ms). */
  groupTtl?: number
  /**
   * The policy of units this ledger creates, per kind, in ms: `{ job: { ttlMs, summaryTtlMs },
   * status: { ttlMs }, group: { ttlMs, keepCompletedMs, summaryTtlMs }, queue: { leaseMs,
   * retainMs, maxAttempts } }`. A unit keeps the policy it was created with; other ledgers'
   * defaults never change it.
   */
  defaults?: DefaultsOptions
  /** How writes are retried on STORE_UNAVAILABLE (with the same operation id): see RetryPolicy. */
  retry?: Partial<RetryPolicy>
  /**
   * The time both stores judge by (leases, retention, deadlines), for tests: pass a
   * ManualClock and advance it instead of sleeping. Default: the store's own clock (the
   * Redis server's TIME, or this process's for the memory store).
   */
  clock?: Clock
  /**
   * Timeouts and reconnects of the Redis connections: `{ commandTimeoutMs: 5000,
   * maxReconnectDelayMs: 1000 }` by default. See "Connections and timeouts" in the README.
   */
  connection?: ConnectionOptions
  /**
   * Where connection errors, reconnects and recovered faults are reported: a pino logger,
   * `console`, or anything with `debug`/`info`/`warn`/`error(context, message)`. Default: none.
   */
  logger?: Logger
  /**
   * OpenTelemetry: `{ tracer, meter }` (a span per store operation, counters and a queue-depth
   * gauge), or `'global'` for the providers registered with `@opentelemetry/api`.
   */
  telemetry?: TelemetryOptions
  /**
   * Runs `cleaner.cleanupOrphans()` in the background every `intervalMs` (jittered), so callbacks
   * and staged jobs left due by a crashed process are dispatched again; stops on close().
   */
  sweeper?: SweeperOptions
}

/** The policy new units get: built-in defaults, then `defaults`, then the legacy aliases. */
export function unitDefaultsOf(options: LedgerOptions): UnitDefaults {
  // A copy: resolveDefaults hands back BUILTIN_DEFAULTS itself when no defaults are given.
  const defaults = structuredClone(resolveDefaults(options.defaults))
  if (options.groupTtl !== undefined)
    defaults.group.ttlMs = secondsAliasToMs(options.groupTtl, 'groupTtl', 'defaults.group.ttlMs')
  if (options.keepCompletedMs !== undefined)
    defaults.group.keepCompletedMs = validateDurationMs(
      options.keepCompletedMs,
      'keepCompletedMs',
      0,
    )
  return defaults
}

export function retryPolicyOf(options: LedgerOptions): RetryPolicy {
  return resolveRetryPolicy(options.retry)
}

/** Refuses contradictory or ill-typed createLedger options before anything is opened. */
export function validateLedgerOptions(options: LedgerOptions): void {
  if (options.store && options.redis) {
    throw new InvalidArgumentError('Pass either store or redis to createLedger, not both.')
  }
  validateStagesOptions(options)
  unitDefaultsOf(options)
  retryPolicyOf(options)
  if (options.clock !== undefined && typeof options.clock?.now !== 'function')
    throw new InvalidArgumentError(
      'clock must be an object with a now() method, e.g. new ManualClock().',
    )
  redisConnectionSettings(options)
  validateTelemetry(options.telemetry)
  sweeperOptionsOf(options.sweeper)
}

/** The connection part of the options, checked, with defaults. */
export function redisConnectionSettings(options: LedgerOptions): ConnectionSettings {
  return connectionSettings(options.connection, validateLogger(options.logger))
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

/** The stages part of the options, in the shape StagesContext takes (policy: `defaults.group`). */
export function stagesOptions(options: LedgerOptions) {
  const { dispatch, onComplete, onError } = options
  return {
    ...(dispatch ? { dispatch } : {}),
    ...(onComplete ? { onComplete } : {}),
    ...(onError ? { onError } : {}),
  }
}
