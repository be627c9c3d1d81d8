import { NoReplyError, NotReadyError } from './node-redis-errors.js'
import {
  isNodeRedisCluster,
  type NodeRedisArgument,
  type NodeRedisCommandOptions,
  type NodeRedisConnection,
} from './node-redis-types.js'

const openLinks = new Set<NodeRedisLink>()

/** Connections that ledgers opened with node-redis and have not closed yet (for leak checks). */
export function countOpenNodeRedisConnections(): number {
  return openLinks.size
}

function noop(): void {}

/**
 * One node-redis client or cluster as the driver sees it: made lazily (a URL's client is
 * created on first use, so `redis` is loaded only then), connected once, each call bounded
 * by a deadline that covers waiting for the connection as well as the reply.
 *
 * Readiness: a call waits for the connection to be ready (first connect or a reconnect) until
 * its deadline and fails with NotReadyError, having sent nothing; only then is it handed to
 * node-redis, which never writes a command again once it was written.
 */
export class NodeRedisLink {
  readonly owned: boolean
  readonly #make: () => Promise<NodeRedisConnection>
  #connection: Promise<NodeRedisConnection> | null = null
  #made: NodeRedisConnection | null = null
  #ended = false

  constructor(make: () => Promise<NodeRedisConnection>, owned: boolean) {
    this.#make = make
    this.owned = owned
    if (owned) openLinks.add(this)
  }

  static of(connection: NodeRedisConnection, owned: boolean): NodeRedisLink {
    return new NodeRedisLink(async () => connection, owned)
  }

  /** The connection once made (null before the first call). */
  get made(): NodeRedisConnection | null {
    return this.#made
  }

  async send(
    firstKey: string | undefined,
    args: readonly NodeRedisArgument[],
    options: NodeRedisCommandOptions & { timeout: number },
    onSent: () => void,
  ): Promise<unknown> {
    const deadline = options.timeout > 0 ? Date.now() + options.timeout : Number.POSITIVE_INFINITY
    const made = this.#made
    const connection = made?.isReady ? made : await this.#ready(deadline, options.timeout)
    // A command still unwritten at the deadline must never be written later: an owned
    // connection is dropped then (which fails what it queued); on a client the caller owns,
    // node-redis's own timeout removes it from the queue.
    const left = Math.max(1, deadline - Date.now())
    const bounded = {
      ...options,
      timeout: this.owned || !Number.isFinite(left) ? undefined : left,
    }
    const reply = isNodeRedisCluster(connection)
      ? connection.sendCommand(firstKey, false, args, bounded)
      : connection.sendCommand(args, bounded)
    onSent()
    return this.#within(reply, deadline, () => {
      queueMicrotask(() => this.#drop(connection))
      return new NoReplyError(options.timeout)
    })
  }

  /**
   * A connection that left a reply out past its deadline is not trusted again: an owned one is
   * dropped (its other pending calls fail as ambiguous) and the next call opens a new one.
   */
  #drop(connection: NodeRedisConnection): void {
    if (!this.owned || this.#made !== connection) return
    this.#made = null
    this.#connection = null
    connection.destroy()
  }

  async #ready(deadline: number, timeoutMs: number): Promise<NodeRedisConnection> {
    const notReady = () => new NotReadyError(timeoutMs)
    const connection = await this.#within(this.#open(), deadline, notReady)
    if (isNodeRedisCluster(connection) || connection.isReady) return connection
    let onReady = noop
    const ready = new Promise<void>((resolve) => {
      onReady = resolve
      connection.on('ready', onReady)
    })
    try {
      await this.#within(ready, deadline, notReady)
    } finally {
      connection.off('ready', onReady)
    }
    return connection
  }

  #open(): Promise<NodeRedisConnection> {
    this.#connection ??= this.#make().then(async (connection) => {
      this.#made = connection
      if (this.owned) connection.on('error', noop)
      if (this.#ended) connection.destroy()
      else if (!connection.isOpen) await connection.connect()
      return connection
    })
    return this.#connection
  }

  async #within<T>(promise: Promise<T>, deadline: number, late: () => Error): Promise<T> {
    if (deadline === Number.POSITIVE_INFINITY) return promise
    let timer: NodeJS.Timeout | undefined
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(late()), Math.max(0, deadline - Date.now()))
    })
    try {
      return await Promise.race([promise, expired])
    } finally {
      clearTimeout(timer)
    }
  }

  /** A new connection of the same kind, owned by the ledger (blocking pops, subscriptions). */
  duplicate(): NodeRedisLink {
    return new NodeRedisLink(async () => {
      const base = await this.#open()
      return isNodeRedisCluster(base)
        ? base.duplicate({ minimizeConnections: true })
        : base.duplicate()
    }, true)
  }

  /** Waits for pending replies, then closes (at most `timeoutMs`); only owned connections. */
  async close(timeoutMs: number): Promise<void> {
    if (!this.owned || this.#ended) return
    this.#ended = true
    const connection = this.#made
    try {
      if (connection?.isOpen) {
        const quit = connection.isReady ? connection.close() : Promise.reject(new Error('offline'))
        await this.#within(quit, Date.now() + timeoutMs, () => new NoReplyError(timeoutMs))
      }
    } catch {
      connection?.destroy()
    } finally {
      openLinks.delete(this)
    }
  }

  /** Drops an owned connection at once, failing its pending commands. */
  destroy(): void {
    if (!this.owned) return
    this.#ended = true
    if (this.#made?.isOpen) this.#made.destroy()
    openLinks.delete(this)
  }
}
