/** A Lua script compiled from lua/*.lua, identified by the SHA1 of its body. */
export interface ScriptDefinition {
  readonly name: string
  readonly numberOfKeys: number
  readonly lua: string
  readonly sha: string
}

export type RedisArg = string | number

export interface CommandOptions {
  /**
   * For a blocking command (BLPOP): how long Redis may block it server-side, in ms. The
   * driver's own deadline for the call is this plus its command timeout.
   */
  blockMs?: number
}

/**
 * The small seam between the redis store and a Redis client library. Everything the store
 * sends goes through here, so another client (node-redis) needs only this file's twin.
 */
export interface RedisDriver {
  /** A printable address of the server with any password masked. */
  readonly address: string
  readonly isCluster: boolean
  /** EVALSHA, falling back to EVAL when the server does not know the script: one round trip. */
  runScript(
    script: ScriptDefinition,
    keys: readonly string[],
    args: readonly RedisArg[],
  ): Promise<unknown>
  /**
   * One plain command. Commands sent in the same tick share one round trip per node.
   * Every call is bounded by a timeout; a failure to reach Redis is STORE_UNAVAILABLE with
   * `details.ambiguous` saying whether the command may have run.
   */
  command(name: string, args: readonly RedisArg[], options?: CommandOptions): Promise<unknown>
  /** Like command, for replies that are binary (GETRANGE of a bitmap). */
  commandBuffer(name: string, args: readonly RedisArg[]): Promise<Buffer | null>
  publish(channel: string, message: string): Promise<void>
  /** Subscribes on a dedicated connection; resolves once the subscription is active. */
  subscribe(channel: string, onMessage: (message: string) => void): Promise<() => Promise<void>>
  /** Drivers for each master (one for a single server), for commands that walk the keyspace. */
  scanNodes(): Promise<RedisDriver[]>
  /** A new connection to the same server, for blocking commands. */
  duplicate(): RedisDriver
  close(): Promise<void>
  /** Drops the connection at once, failing its pending commands (this wakes a blocked one). */
  disconnect(): void
}
