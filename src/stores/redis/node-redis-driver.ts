import { JobledgerError } from '../../errors/jobledger-error.js'
import type { RedisArg, RedisDriver, ScriptDefinition } from './driver.js'
import { isNoScript, nodeRedisError } from './node-redis-errors.js'
import { NodeRedisLink } from './node-redis-link.js'
import {
  DEFAULT_MAX_RECONNECT_DELAY_MS,
  describeNodeRedis,
  openNodeRedisClient,
} from './node-redis-open.js'
import {
  isNodeRedisCluster,
  type NodeRedisArgument,
  type NodeRedisConnection,
} from './node-redis-types.js'

export { countOpenNodeRedisConnections } from './node-redis-link.js'

/** Every call is bounded by this unless the ledger is given another `commandTimeoutMs`. */
export const DEFAULT_COMMAND_TIMEOUT_MS = 5_000

/** The ledger's `connection` options, as the node-redis driver takes them. */
export interface NodeRedisDriverOptions {
  /** Bounds every call: waiting for a connection plus the reply; blocking pops add their own wait. */
  commandTimeoutMs?: number
  /** The longest pause between reconnect attempts of connections the ledger opens from a URL. */
  maxReconnectDelayMs?: number
}

/** RESP type code of bulk strings: mapped to Buffer for binary replies. */
const BLOB_STRING = 36
const BLOCKING = new Set(['BLPOP', 'BRPOP', 'BLMOVE', 'BZPOPMIN', 'BZPOPMAX'])
type Subscription = (message: string | Buffer, channel: string | Buffer) => void

/** Opens a node-redis connection for a URL; the ledger owns it and closes it. */
export function connectNodeRedis(url: string, options: NodeRedisDriverOptions = {}): RedisDriver {
  const settings = {
    connectTimeoutMs: options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
    maxReconnectDelayMs: options.maxReconnectDelayMs ?? DEFAULT_MAX_RECONNECT_DELAY_MS,
  }
  const link = new NodeRedisLink(() => openNodeRedisClient(url, settings), true)
  return new NodeRedisDriver(link, describeNodeRedis(url), false, options)
}

/** Wraps a node-redis client or cluster the caller made; the caller keeps ownership. */
export function wrapNodeRedis(
  connection: NodeRedisConnection,
  options: NodeRedisDriverOptions = {},
): RedisDriver {
  const cluster = isNodeRedisCluster(connection)
  return new NodeRedisDriver(
    NodeRedisLink.of(connection, false),
    describeNodeRedis(connection),
    cluster,
    options,
  )
}

/**
 * The store's seam to node-redis. Scripts go by EVALSHA with EVAL on NOSCRIPT; commands of one
 * tick leave in one socket write (node-redis gathers them itself); blocking pops and
 * subscriptions each get a connection of their own; replies of GETRANGE come as Buffers.
 */
export class NodeRedisDriver implements RedisDriver {
  readonly address: string
  readonly isCluster: boolean
  readonly #link: NodeRedisLink
  readonly #timeoutMs: number
  #subscriber: NodeRedisLink | null = null
  readonly #listeners = new Map<string, { subscription: Subscription; set: Set<Subscription> }>()
  #closed = false

  constructor(
    link: NodeRedisLink,
    address: string,
    isCluster: boolean,
    options: NodeRedisDriverOptions,
  ) {
    this.#link = link
    this.address = address
    this.isCluster = isCluster
    this.#timeoutMs = options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS
  }

  async runScript(
    script: ScriptDefinition,
    keys: readonly string[],
    args: readonly RedisArg[],
  ): Promise<unknown> {
    const tail = [String(keys.length), ...keys, ...args.map(String)]
    try {
      return await this.#send(script.name, keys[0], ['EVALSHA', script.sha, ...tail])
    } catch (error) {
      if (!isNoScript((error as { cause?: unknown }).cause)) throw error
      return this.#send(script.name, keys[0], ['EVAL', script.lua, ...tail])
    }
  }

  /** `blockMs` (or, without it, the last argument of a blocking pop) extends the deadline. */
  async command(
    name: string,
    args: readonly RedisArg[],
    options: { blockMs?: number } = {},
  ): Promise<unknown> {
    return this.#send(name, firstKeyOf(args), [name, ...args.map(String)], {
      timeoutMs: this.#timeoutFor(name, args, options.blockMs),
    })
  }

  async commandBuffer(name: string, args: readonly RedisArg[]): Promise<Buffer | null> {
    const reply = await this.#send(name, firstKeyOf(args), [name, ...args.map(String)], {
      typeMapping: { [BLOB_STRING]: Buffer },
    })
    return Buffer.isBuffer(reply) ? reply : null
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.#send('PUBLISH', undefined, ['PUBLISH', channel, message])
  }

  async subscribe(
    channel: string,
    onMessage: (message: string) => void,
  ): Promise<() => Promise<void>> {
    this.#subscriber ??= this.#link.duplicate()
    const subscriber = this.#subscriber
    let entry = this.#listeners.get(channel)
    if (!entry) {
      const created = { set: new Set<Subscription>(), subscription: this.#deliverer(channel) }
      this.#listeners.set(channel, created)
      try {
        await this.#subscribeOn(subscriber, channel, created.subscription)
      } catch (error) {
        this.#listeners.delete(channel)
        throw error
      }
      entry = created
    }
    const listener: Subscription = (message) => onMessage(String(message))
    const owner = entry
    owner.set.add(listener)
    return async () => {
      owner.set.delete(listener)
      if (owner.set.size > 0 || this.#listeners.get(channel) !== owner) return
      this.#listeners.delete(channel)
      await subscriber.made?.unsubscribe(channel, owner.subscription).catch(() => {})
    }
  }

  #deliverer(channel: string): Subscription {
    return (message) => {
      for (const listener of this.#listeners.get(channel)?.set ?? []) listener(message, channel)
    }
  }

  /** SUBSCRIBE on the dedicated connection, bounded and mapped like any other call. */
  async #subscribeOn(link: NodeRedisLink, channel: string, listener: Subscription): Promise<void> {
    let sent = false
    const timeoutMs = this.#timeoutMs
    try {
      await this.#call(async () => {
        await link.send(undefined, ['PING'], { timeout: timeoutMs }, () => {})
        sent = true
        await link.made?.subscribe(channel, listener)
      })
    } catch (error) {
      throw nodeRedisError({ error, what: 'SUBSCRIBE', address: this.address, sent, timeoutMs })
    }
  }

  async scanNodes(): Promise<RedisDriver[]> {
    if (!this.isCluster) return [this]
    await this.command('PING', [])
    const cluster = this.#link.made
    if (!cluster || !isNodeRedisCluster(cluster)) return [this]
    const clients = await Promise.all(
      cluster.masters.map((master) => cluster.nodeClient(master as never)),
    )
    const options = { commandTimeoutMs: this.#timeoutMs }
    return clients.map(
      (client) =>
        new NodeRedisDriver(NodeRedisLink.of(client, false), this.address, false, options),
    )
  }

  duplicate(): RedisDriver {
    return new NodeRedisDriver(this.#link.duplicate(), this.address, this.isCluster, {
      commandTimeoutMs: this.#timeoutMs,
    })
  }

  async close(): Promise<void> {
    this.#closed = true
    const subscriber = this.#subscriber
    this.#subscriber = null
    this.#listeners.clear()
    await Promise.all([subscriber?.close(this.#timeoutMs), this.#link.close(this.#timeoutMs)])
  }

  disconnect(): void {
    this.#subscriber?.destroy()
    this.#subscriber = null
    this.#link.destroy()
  }

  #timeoutFor(name: string, args: readonly RedisArg[], blockMs?: number): number {
    if (blockMs !== undefined) return blockMs + this.#timeoutMs
    if (!BLOCKING.has(name.toUpperCase())) return this.#timeoutMs
    const seconds = Number(args[args.length - 1])
    return seconds > 0 ? Math.ceil(seconds * 1000) + this.#timeoutMs : 0
  }

  async #send(
    what: string,
    firstKey: string | undefined,
    args: readonly NodeRedisArgument[],
    options: { timeoutMs?: number; typeMapping?: Record<number, unknown> } = {},
  ): Promise<unknown> {
    const timeout = options.timeoutMs ?? this.#timeoutMs
    let sent = false
    const typeMapping = options.typeMapping ?? {}
    try {
      return await this.#call(() =>
        this.#link.send(firstKey, args, { timeout, typeMapping }, () => {
          sent = true
        }),
      )
    } catch (error) {
      throw nodeRedisError({ error, what, address: this.address, sent, timeoutMs: timeout })
    }
  }

  async #call<T>(send: () => Promise<T>): Promise<T> {
    if (this.#closed) {
      throw new JobledgerError(
        'CLOSED',
        `This ledger's Redis connection is closed; create a new ledger to go on.`,
      )
    }
    return send()
  }
}

/** Keys lead every command the store sends, so the first argument routes it in a cluster. */
function firstKeyOf(args: readonly RedisArg[]): string | undefined {
  const first = args[0]
  return first === undefined ? undefined : String(first)
}
