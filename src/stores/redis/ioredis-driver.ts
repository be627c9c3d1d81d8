import { Cluster, Command, Redis } from 'ioredis'
import { JobledgerError, StoreUnavailableError } from '../../errors/jobledger-error.js'
import type { RedisArg, RedisDriver, ScriptDefinition } from './driver.js'
import { maskRedisUrl } from './redis-address.js'
import { TickWrites } from './tick-writes.js'

export type IoredisClient = Redis | Cluster

const OWN_CONNECTION_OPTIONS = {
  maxRetriesPerRequest: 2,
  connectTimeout: 3000,
  // Commands of one tick are gathered by TickWrites instead (cheaper for lone commands).
  enableAutoPipelining: false,
} as const

/** Opens a connection for a URL; the ledger owns it and closes it. */
export function connectIoredis(url: string): IoredisDriver {
  return new IoredisDriver(new Redis(url, OWN_CONNECTION_OPTIONS), maskRedisUrl(url), true)
}

/** Wraps a connection the caller made; the caller keeps ownership and closes it. */
export function wrapIoredis(client: IoredisClient): IoredisDriver {
  return new IoredisDriver(client, describeClient(client), false)
}

function describeClient(client: IoredisClient): string {
  if (client instanceof Cluster) {
    const nodes = client.nodes('master').map((node) => `${node.options.host}:${node.options.port}`)
    return `redis cluster ${nodes.join(',') || '(connecting)'}`
  }
  const { host, port, db } = client.options
  return `redis://${host}:${port}${db ? `/${db}` : ''}`
}

function isReplyError(error: unknown): error is Error {
  return error instanceof Error && error.name === 'ReplyError'
}

export class IoredisDriver implements RedisDriver {
  readonly address: string
  readonly isCluster: boolean
  readonly #client: IoredisClient
  readonly #owned: boolean
  #subscriber: IoredisClient | null = null
  #closed = false
  /** Set on connections the ledger made (a single server, auto-pipelining off). */
  readonly #tickWrites: TickWrites | null
  readonly #listeners = new Map<string, Set<(message: string) => void>>()

  constructor(client: IoredisClient, address: string, owned: boolean) {
    this.#client = client
    this.address = address
    this.#owned = owned
    this.isCluster = client instanceof Cluster
    this.#tickWrites = owned && client instanceof Redis ? new TickWrites(client) : null
    if (owned) track(client)
  }

  async runScript(
    script: ScriptDefinition,
    keys: readonly string[],
    args: readonly RedisArg[],
  ): Promise<unknown> {
    return this.#call(async () => {
      try {
        return await this.#client.evalsha(script.sha, keys.length, ...keys, ...args)
      } catch (error) {
        if (!isReplyError(error) || !error.message.startsWith('NOSCRIPT')) throw error
        return this.#client.eval(script.lua, keys.length, ...keys, ...args)
      }
    }, script.name)
  }

  async command(name: string, args: readonly RedisArg[]): Promise<unknown> {
    return this.#call(() => this.#client.call(name, ...args), name)
  }

  async commandBuffer(name: string, args: readonly RedisArg[]): Promise<Buffer | null> {
    // callBuffer loses its command name under auto-pipelining, so the command is sent directly.
    const command = new Command(name, [...args], { replyEncoding: null })
    const reply = await this.#call(async () => {
      await this.#client.sendCommand(command)
      return command.promise
    }, name)
    return Buffer.isBuffer(reply) ? reply : null
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.#call(() => this.#client.publish(channel, message), 'PUBLISH')
  }

  async subscribe(
    channel: string,
    onMessage: (message: string) => void,
  ): Promise<() => Promise<void>> {
    const subscriber = this.#ensureSubscriber()
    const listeners = this.#listeners.get(channel) ?? new Set()
    const first = listeners.size === 0
    listeners.add(onMessage)
    this.#listeners.set(channel, listeners)
    if (first) await this.#call(() => subscriber.subscribe(channel), 'SUBSCRIBE')
    return async () => {
      listeners.delete(onMessage)
      if (listeners.size > 0 || this.#listeners.get(channel) !== listeners) return
      this.#listeners.delete(channel)
      await this.#call(() => subscriber.unsubscribe(channel), 'UNSUBSCRIBE').catch(() => {})
    }
  }

  async scanNodes(): Promise<RedisDriver[]> {
    if (!(this.#client instanceof Cluster)) return [this]
    return this.#client.nodes('master').map((node) => new IoredisDriver(node, this.address, false))
  }

  duplicate(): RedisDriver {
    return new IoredisDriver(duplicateClient(this.#client), this.address, true)
  }

  async close(): Promise<void> {
    this.#closed = true
    const subscriber = this.#subscriber
    this.#subscriber = null
    this.#listeners.clear()
    if (subscriber) await quit(subscriber)
    if (this.#owned) await quit(this.#client)
  }

  disconnect(): void {
    this.#subscriber?.disconnect()
    this.#subscriber = null
    if (this.#owned) this.#client.disconnect()
  }

  #ensureSubscriber(): IoredisClient {
    if (this.#subscriber) return this.#subscriber
    const subscriber = duplicateClient(this.#client)
    track(subscriber)
    subscriber.on('message', (channel: string, message: string) => {
      for (const listener of this.#listeners.get(channel) ?? []) listener(message)
    })
    this.#subscriber = subscriber
    return subscriber
  }

  async #call<T>(send: () => Promise<T>, what: string): Promise<T> {
    if (this.#closed) {
      throw new JobledgerError(
        'CLOSED',
        `This ledger's Redis connection is closed; create a new ledger to go on.`,
      )
    }
    this.#tickWrites?.gather()
    try {
      return await send()
    } catch (error) {
      if (error instanceof JobledgerError) throw error
      if (isReplyError(error)) {
        throw new JobledgerError('INTERNAL', `Redis rejected ${what}: ${error.message}`, {
          cause: error,
        })
      }
      throw new StoreUnavailableError(
        `Redis at ${this.address} is unreachable (${(error as Error).message}); check that it runs and the URL is right.`,
        { cause: error, details: { address: this.address } },
      )
    }
  }
}

const openClients = new Set<IoredisClient>()

/** Counts a connection the ledger owns until it has ended for good. */
function track(client: IoredisClient): void {
  openClients.add(client)
  client.on('error', () => {})
  client.once('end', () => openClients.delete(client))
}

/** Connections that ledgers opened and have not closed yet, in this process (for leak checks). */
export function countOpenRedisConnections(): number {
  return openClients.size
}

function duplicateClient(client: IoredisClient): IoredisClient {
  return client instanceof Cluster ? client.duplicate() : client.duplicate()
}

/** QUIT on a live connection (pending replies first); a connection still trying to connect is dropped at once. */
async function quit(client: IoredisClient): Promise<void> {
  if (client.status !== 'ready') {
    client.disconnect()
    // ioredis 6 emits no 'end' for a client disconnected while reconnecting; it holds no socket.
    openClients.delete(client)
    return
  }
  try {
    await client.quit()
  } catch {
    client.disconnect()
  }
}
