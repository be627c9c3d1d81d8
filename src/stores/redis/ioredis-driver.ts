import { Cluster, Command, Redis } from 'ioredis'
import { JobledgerError } from '../../errors/jobledger-error.js'
import { log } from '../../logger.js'
import { NoReplyError, withDeadline } from './call-deadline.js'
import { warnAboutPassedClient } from './client-checks.js'
import {
  type ClientLink,
  countOwnedClients,
  type IoredisClient,
  managedLink,
  PlainLink,
} from './client-link.js'
import {
  type ConnectionRole,
  type ConnectionSettings,
  connectionSettings,
} from './connection-options.js'
import type { CommandOptions, RedisArg, RedisDriver, ScriptDefinition } from './driver.js'
import { countManagedConnections, ManagedConnection } from './managed-connection.js'
import { maskRedisUrl } from './redis-address.js'
import { TickWrites } from './tick-writes.js'
import { closedError, isRefusalReply, unavailableError } from './unavailable.js'

export type { IoredisClient } from './client-link.js'

/** How a driver opens more connections to the same server (blocking pops, subscriptions). */
type Opener = (role: ConnectionRole) => ClientLink

/** Opens a connection for a URL; the ledger owns it and closes it. */
export function connectIoredis(
  url: string,
  settings: ConnectionSettings = connectionSettings(undefined),
): IoredisDriver {
  const address = maskRedisUrl(url)
  const open: Opener = (role) => managedLink(new ManagedConnection(url, address, settings, role))
  return new IoredisDriver(open('commands'), address, settings, open)
}

/**
 * Wraps a connection the caller made; the caller keeps ownership and closes it. Connections
 * the ledger adds (blocking pops, subscriptions) are its own, made with its settings.
 */
export function wrapIoredis(
  client: IoredisClient,
  settings: ConnectionSettings = connectionSettings(undefined),
): IoredisDriver {
  const address = describeClient(client)
  warnAboutPassedClient(client, address, settings.logger)
  const open: Opener =
    client instanceof Cluster
      ? () => new PlainLink(duplicateCluster(client), true, settings, address)
      : (role) => managedLink(new ManagedConnection({ ...client.options }, address, settings, role))
  const link = new PlainLink(client, false, settings, address)
  return new IoredisDriver(link, address, settings, open)
}

function describeClient(client: IoredisClient): string {
  if (client instanceof Cluster) {
    const nodes = client.nodes('master').map((node) => `${node.options.host}:${node.options.port}`)
    return `redis cluster ${nodes.join(',') || '(connecting)'}`
  }
  const { host, port, db } = client.options
  return `redis://${host}:${port}${db ? `/${db}` : ''}`
}

/**
 * A Cluster like the caller's for the ledger's own blocking pops and subscriptions: nothing
 * sent twice, and no socket timeout to cut a blocking pop short (its deadline bounds it).
 */
function duplicateCluster(cluster: Cluster): Cluster {
  const redisOptions = {
    ...cluster.options.redisOptions,
    autoResendUnfulfilledCommands: false,
    socketTimeout: undefined,
  }
  return cluster.duplicate(undefined, { redisOptions, retryDelayOnFailover: 0 })
}

function isReplyError(error: unknown): error is Error {
  return error instanceof Error && error.name === 'ReplyError'
}

/** ioredis's answer to a command handed over while the socket cannot take it: never sent. */
const NOT_WRITABLE = "Stream isn't writeable"

export class IoredisDriver implements RedisDriver {
  readonly address: string
  readonly isCluster: boolean
  readonly #link: ClientLink
  readonly #client: IoredisClient
  readonly #settings: ConnectionSettings
  readonly #open: Opener
  #subscriber: ClientLink | null = null
  #closed = false
  /** Set on connections the ledger made to a single server (auto-pipelining off). */
  readonly #tickWrites: TickWrites | null
  readonly #listeners = new Map<string, Set<(message: string) => void>>()

  constructor(link: ClientLink, address: string, settings: ConnectionSettings, open: Opener) {
    this.#link = link
    this.#client = link.client
    this.address = address
    this.#settings = settings
    this.#open = open
    this.isCluster = link.client instanceof Cluster
    const own = !(link instanceof PlainLink) && link.client instanceof Redis
    this.#tickWrites = own ? new TickWrites(link.client as Redis) : null
  }

  async runScript(
    script: ScriptDefinition,
    keys: readonly string[],
    args: readonly RedisArg[],
  ): Promise<unknown> {
    return this.#call(this.#link, script.name, 0, async () => {
      try {
        return await this.#client.evalsha(script.sha, keys.length, ...keys, ...args)
      } catch (error) {
        if (!isReplyError(error) || !error.message.startsWith('NOSCRIPT')) throw error
        return this.#client.eval(script.lua, keys.length, ...keys, ...args)
      }
    })
  }

  async command(
    name: string,
    args: readonly RedisArg[],
    options: CommandOptions = {},
  ): Promise<unknown> {
    return this.#call(this.#link, name, options.blockMs ?? 0, () =>
      this.#client.call(name, ...args),
    )
  }

  async commandBuffer(name: string, args: readonly RedisArg[]): Promise<Buffer | null> {
    // callBuffer loses its command name under auto-pipelining, so the command is sent directly.
    const reply = await this.#call(this.#link, name, 0, async () => {
      const command = new Command(name, [...args], { replyEncoding: null })
      await this.#client.sendCommand(command)
      return command.promise
    })
    return Buffer.isBuffer(reply) ? reply : null
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.#call(this.#link, 'PUBLISH', 0, () => this.#client.publish(channel, message))
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
    if (first)
      await this.#call(subscriber, 'SUBSCRIBE', 0, () => subscriber.client.subscribe(channel))
    return async () => {
      listeners.delete(onMessage)
      if (listeners.size > 0 || this.#listeners.get(channel) !== listeners) return
      this.#listeners.delete(channel)
      await this.#call(subscriber, 'UNSUBSCRIBE', 0, () =>
        subscriber.client.unsubscribe(channel),
      ).catch((error: unknown) => {
        // Nothing listens on the channel any more: a message that still arrives is dropped.
        log(this.#settings.logger, 'debug', { err: error, channel }, 'UNSUBSCRIBE failed')
      })
    }
  }

  async scanNodes(): Promise<RedisDriver[]> {
    if (!(this.#client instanceof Cluster)) return [this]
    return this.#client.nodes('master').map((node) => {
      const link = new PlainLink(node, false, this.#settings, this.address)
      return new IoredisDriver(link, this.address, this.#settings, this.#open)
    })
  }

  duplicate(): RedisDriver {
    return new IoredisDriver(this.#open('blocking'), this.address, this.#settings, this.#open)
  }

  async close(): Promise<void> {
    this.#closed = true
    const subscriber = this.#subscriber
    this.#subscriber = null
    this.#listeners.clear()
    await Promise.all([subscriber?.close(), this.#link.close()])
  }

  disconnect(): void {
    this.#closed = true
    this.#subscriber?.disconnect()
    this.#subscriber = null
    this.#link.disconnect()
  }

  #ensureSubscriber(): ClientLink {
    if (this.#subscriber) return this.#subscriber
    const subscriber = this.#open('subscriber')
    subscriber.client.on('message', (channel: string, message: string) => {
      for (const listener of this.#listeners.get(channel) ?? []) listener(message)
    })
    this.#subscriber = subscriber
    return subscriber
  }

  /**
   * Sends one command over `link` within the call's deadline (the command timeout, plus the
   * server-side block of a blocking command) and turns failures into typed errors.
   */
  async #call<T>(
    link: ClientLink,
    what: string,
    blockMs: number,
    send: () => Promise<T>,
  ): Promise<T> {
    if (this.#closed) throw closedError()
    const timeoutMs = this.#settings.commandTimeoutMs + blockMs
    const deadline = Date.now() + timeoutMs
    await link.ready(deadline, what)
    const maySend = link.maySend()
    this.#tickWrites?.gather()
    try {
      return await withDeadline(send(), deadline, () => new NoReplyError(timeoutMs))
    } catch (error) {
      throw this.#translate(error, what, maySend)
    }
  }

  #translate(error: unknown, what: string, maySend: boolean): Error {
    if (error instanceof JobledgerError) return error
    if (this.#closed && !(error instanceof NoReplyError)) return closedError()
    if (isReplyError(error)) {
      if (isRefusalReply(error)) return unavailableError(this.address, what, error, false)
      return new JobledgerError('INTERNAL', `Redis rejected ${what}: ${error.message}`, {
        cause: error,
      })
    }
    const neverSent = !maySend || (error instanceof Error && error.message.startsWith(NOT_WRITABLE))
    return unavailableError(this.address, what, error, !neverSent)
  }
}

/** Connections that ledgers opened and have not closed yet, in this process (for leak checks). */
export function countOpenRedisConnections(): number {
  return countManagedConnections() + countOwnedClients()
}
