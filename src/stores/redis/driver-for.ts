import { InvalidArgumentError } from '../../errors/jobledger-error.js'
import { type ConnectionSettings, connectionSettings } from './connection-options.js'
import type { RedisDriver } from './driver.js'
import { connectIoredis, type IoredisClient, wrapIoredis } from './ioredis-driver.js'
import { connectNodeRedis, wrapNodeRedis } from './node-redis-driver.js'
import { assertNodeRedisInstalled } from './node-redis-open.js'
import { isNodeRedis, type NodeRedisConnection } from './node-redis-types.js'

/** The client library behind a Redis URL: ioredis (the default) or node-redis (`redis`). */
export type RedisDriverName = 'ioredis' | 'node-redis'

export const REDIS_DRIVER_NAMES: readonly RedisDriverName[] = ['ioredis', 'node-redis']

export type RedisConnectionOption = string | IoredisClient | NodeRedisConnection

/**
 * The driver for what `createLedger({ redis })` was given: a URL opens a connection with
 * `redisDriver` (default ioredis); a client picks its own driver by its shape.
 */
export function driverFor(
  redis: RedisConnectionOption,
  name?: RedisDriverName,
  settings: ConnectionSettings = connectionSettings(undefined),
): RedisDriver {
  const connection = {
    commandTimeoutMs: settings.commandTimeoutMs,
    maxReconnectDelayMs: settings.reconnect.maxDelayMs,
  }
  if (name !== undefined && !REDIS_DRIVER_NAMES.includes(name)) {
    throw new InvalidArgumentError(
      `redisDriver must be one of ${REDIS_DRIVER_NAMES.join(', ')}, got ${String(name)}.`,
    )
  }
  if (typeof redis === 'string') {
    if (name !== 'node-redis') return connectIoredis(redis, settings)
    assertNodeRedisInstalled()
    return connectNodeRedis(redis, connection)
  }
  if (typeof redis !== 'object' || redis === null)
    throw new InvalidArgumentError(
      'redis must be a URL, an ioredis Redis or Cluster, or a node-redis client or cluster.',
    )
  const given: RedisDriverName = isNodeRedis(redis) ? 'node-redis' : 'ioredis'
  if (name !== undefined && name !== given)
    throw new InvalidArgumentError(
      `redisDriver '${name}' was given with a ${given} client; redisDriver only picks the driver for a URL.`,
    )
  return given === 'node-redis'
    ? wrapNodeRedis(redis as NodeRedisConnection, connection)
    : wrapIoredis(redis as IoredisClient, settings)
}
