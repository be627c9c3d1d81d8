import { createRequire } from 'node:module'
import { JobledgerError } from '../../errors/jobledger-error.js'
import { isNodeRedisCluster, type NodeRedisConnection } from './node-redis-types.js'
import { maskRedisUrl } from './redis-address.js'

export const INITIAL_RECONNECT_DELAY_MS = 50
export const DEFAULT_MAX_RECONNECT_DELAY_MS = 1_000

/**
 * The pause before reconnect attempt `retries` (0 first) of a connection the ledger opens:
 * 50 ms doubling up to `maxDelayMs`, with equal jitter (between half and all of it), so
 * clients that lost Redis together do not come back in lockstep.
 */
export function reconnectDelayMs(
  retries: number,
  maxDelayMs = DEFAULT_MAX_RECONNECT_DELAY_MS,
  random = Math.random,
): number {
  const ceiling = Math.min(maxDelayMs, INITIAL_RECONNECT_DELAY_MS * 2 ** Math.min(retries, 30))
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}

/** Throws a clear INVALID_ARGUMENT when the optional `redis` package is not installed. */
export function assertNodeRedisInstalled(): void {
  try {
    createRequire(import.meta.url).resolve('redis')
  } catch (cause) {
    throw new JobledgerError(
      'INVALID_ARGUMENT',
      "redisDriver 'node-redis' needs the `redis` package: npm install redis (or use the default ioredis driver).",
      { cause },
    )
  }
}

/** A node-redis client for a URL, with the ledger's connection rules; loads `redis` on first use. */
export async function openNodeRedisClient(
  url: string,
  settings: { connectTimeoutMs: number; maxReconnectDelayMs: number },
): Promise<NodeRedisConnection> {
  const { createClient } = await import('redis')
  const client = createClient({
    url,
    // Commands are sent only once the connection is ready (the driver waits for it), and a
    // reconnect fails what is queued rather than writing it later on a new connection.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: settings.connectTimeoutMs,
      reconnectStrategy: (retries: number) =>
        reconnectDelayMs(retries, settings.maxReconnectDelayMs),
    },
  })
  return client as unknown as NodeRedisConnection
}

/** A printable address: the masked URL, or what a client or cluster knows of its nodes. */
export function describeNodeRedis(source: string | NodeRedisConnection): string {
  if (typeof source === 'string') return maskRedisUrl(source)
  if (isNodeRedisCluster(source)) {
    const nodes = source.masters.map((node) => (node as { address?: string }).address ?? '?')
    return `redis cluster ${nodes.join(',') || '(connecting)'}`
  }
  const options = (
    source as { options?: { url?: string; socket?: { host?: string; port?: number } } }
  ).options
  if (options?.url) return maskRedisUrl(options.url)
  return `redis://${options?.socket?.host ?? '127.0.0.1'}:${options?.socket?.port ?? 6379}`
}
