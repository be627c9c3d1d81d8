/**
 * The members of node-redis's (the `redis` package, v5 and later) client and cluster that the
 * driver uses, as structural types: jobledger imports nothing from `redis` at load time, so an
 * application that uses ioredis never needs it installed.
 */
export type NodeRedisArgument = string | Buffer

export interface NodeRedisCommandOptions {
  /** Rejects the command after this many ms, written or not. */
  timeout?: number
  /** RESP type code → JS constructor, e.g. `{ 36: Buffer }` for binary bulk strings. */
  typeMapping?: Record<number, unknown>
}

export type NodeRedisPubSubListener = (message: string | Buffer, channel: string | Buffer) => void

type Listener = (...args: unknown[]) => void

interface NodeRedisCommon {
  readonly isOpen: boolean
  readonly isReady: boolean
  connect(): Promise<unknown>
  close(): Promise<void>
  destroy(): void
  on(event: string, listener: Listener): unknown
  off(event: string, listener: Listener): unknown
  subscribe(channels: string, listener: NodeRedisPubSubListener): Promise<void>
  unsubscribe(channels: string, listener?: NodeRedisPubSubListener): Promise<void>
}

/** A node-redis client: `createClient(…)`. */
export interface NodeRedisClientLike extends NodeRedisCommon {
  sendCommand(
    args: readonly NodeRedisArgument[],
    options?: NodeRedisCommandOptions,
  ): Promise<unknown>
  duplicate(overrides?: Record<string, unknown>): NodeRedisClientLike
}

/** A node-redis cluster client: `createCluster(…)`. */
export interface NodeRedisClusterLike extends NodeRedisCommon {
  sendCommand(
    firstKey: NodeRedisArgument | undefined,
    isReadonly: boolean | undefined,
    args: readonly NodeRedisArgument[],
    options?: NodeRedisCommandOptions,
  ): Promise<unknown>
  duplicate(overrides?: Record<string, unknown>): NodeRedisClusterLike
  readonly masters: readonly object[]
  nodeClient(node: never): Promise<NodeRedisClientLike>
}

export type NodeRedisConnection = NodeRedisClientLike | NodeRedisClusterLike

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

/** node-redis clients and clusters have `isReady` and `sendCommand`; ioredis has `status` and `call`. */
export function isNodeRedis(value: unknown): value is NodeRedisConnection {
  return (
    isObject(value) &&
    typeof value.sendCommand === 'function' &&
    typeof value.duplicate === 'function' &&
    'isReady' in value &&
    typeof value.call !== 'function'
  )
}

export function isNodeRedisCluster(value: NodeRedisConnection): value is NodeRedisClusterLike {
  return 'masters' in value && typeof (value as NodeRedisClusterLike).nodeClient === 'function'
}
