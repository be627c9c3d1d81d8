import { createRequire } from 'node:module'
import { JobledgerError } from '../../errors/jobledger-error.js'
import { maskRedisUrl } from './redis-address.js'
import { isNodeRedisCluster, type NodeRedisConnection } from './node-redis-types.js'

/** Reconnect delays of the connections the ledger opens: 10 ms doubling to 100 ms, ±50% jitter. */
export function reconnectDelayMs(retries: number, random = Math.random): number {
  const ceiling = Math.min(100, 10 * 2 ** Math.min(retries, 10))
  return Math.max(1, Math.round(ceiling * (0.5 + random() / 2)))
}

const CONNECT_TIMEOUT_MS = 3_000

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
export async function openNodeRedisClient(url: string): Promise<NodeRedisConnection> {
  const { createClient } = await import('redis')
  const client = createClient({
    url,
    // Commands are sent only once the connection is ready (the driver waits for it), and a
    // reconnect fails what is queued rather than writing it later on a new connection.
    disableOfflineQueue: true,
    socket: { connectTimeout: CONNECT_TIMEOUT_MS, reconnectStrategy: (retries: number) => reconnectDelayMs(retries) },
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
  const options = (source as { options?: { url?: string; socket?: { host?: string; port?: number } } })
    .options
  if (options?.url) return maskRedisUrl(options.url)
  return `redis://${options?.socket?.host ?? '127.0.0.1'}:${options?.socket?.port ?? 6379}`
}
