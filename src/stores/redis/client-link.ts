import type { Cluster, Redis } from 'ioredis'
import { log } from '../../logger.js'
import { NoReplyError, withDeadline } from './call-deadline.js'
import type { ConnectionSettings } from './connection-options.js'
import type { ManagedConnection } from './managed-connection.js'
import { unavailableError } from './unavailable.js'

export type IoredisClient = Redis | Cluster

/** One ioredis client as the driver uses it: the ledger's own (managed) or one it was given. */
export interface ClientLink {
  readonly client: IoredisClient
  /** Resolves once a command may be handed over; rejects with STORE_UNAVAILABLE otherwise. */
  ready(deadline: number, what: string): Promise<void>
  /** False when a command handed over now certainly never reaches Redis. */
  maySend(): boolean
  close(): Promise<void>
  disconnect(): void
}

/** A managed connection as a link: commands go only over a ready socket. */
export function managedLink(connection: ManagedConnection): ClientLink {
  return {
    client: connection.client,
    ready: (deadline, what) => connection.ready(deadline, what),
    maySend: () => true,
    close: () => connection.close(),
    disconnect: () => connection.disconnect(),
  }
}

/**
 * A client whose connection ioredis manages: one the caller passed (the caller closes it), or
 * a Cluster the ledger duplicated from it (the ledger closes that one, QUIT bounded).
 */
export class PlainLink implements ClientLink {
  readonly client: IoredisClient
  readonly #owned: boolean
  readonly #settings: ConnectionSettings
  readonly #address: string

  constructor(
    client: IoredisClient,
    owned: boolean,
    settings: ConnectionSettings,
    address: string,
  ) {
    this.client = client
    this.#owned = owned
    this.#settings = settings
    this.#address = address
    if (owned) trackOwned(client, settings)
  }

  /**
   * Waits (until `deadline`) while the client is connecting or reconnecting, so that a command
   * never sits in its offline queue, to be sent after the ledger has given up on the call.
   */
  async ready(deadline: number, what: string): Promise<void> {
    const client = this.client
    if (!WAITING.has(client.status)) return
    await new Promise<void>((resolve, reject) => {
      const settle = (error?: Error) => {
        clearTimeout(timer)
        client.off('ready', onChange)
        client.off('end', onChange)
        if (error) reject(unavailableError(this.#address, what, error, false))
        else resolve()
      }
      const onChange = () => settle()
      const waited = this.#settings.commandTimeoutMs
      const timer = setTimeout(() => settle(new NoReplyError(waited)), deadline - Date.now())
      client.on('ready', onChange)
      client.on('end', onChange)
    })
  }

  maySend(): boolean {
    return this.client.status !== 'end'
  }

  async close(): Promise<void> {
    if (!this.#owned) return
    const client = this.client
    if (client.status !== 'ready') {
      client.disconnect()
      ownedClients.delete(client)
      return
    }
    const deadline = Date.now() + this.#settings.commandTimeoutMs
    await withDeadline(client.quit(), deadline, () => new Error('QUIT timed out')).catch(() =>
      client.disconnect(),
    )
  }

  disconnect(): void {
    if (this.#owned) this.client.disconnect()
  }
}

/** Statuses in which ioredis would queue a command offline until it is connected. */
const WAITING = new Set(['connecting', 'connect', 'reconnecting'])

const ownedClients = new Set<IoredisClient>()

function trackOwned(client: IoredisClient, settings: ConnectionSettings): void {
  ownedClients.add(client)
  client.on('error', (error: Error) =>
    log(settings.logger, 'warn', { err: error }, 'Redis connection error'),
  )
  client.once('end', () => ownedClients.delete(client))
}

/** Cluster connections the ledger duplicated and has not closed yet. */
export function countOwnedClients(): number {
  return ownedClients.size
}
