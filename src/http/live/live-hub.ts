import { InvalidArgumentError } from '../../errors/jobledger-error.js'
import { describeError, HttpRefusal } from '../error-status.js'
import { LiveClient } from './live-client.js'
import { type LiveSource, splitKey } from './live-source.js'

export interface LiveHubOptions {
  /** How often watched units are re-read, in ms. */
  intervalMs: number
  /** Open event streams allowed at once; more are refused with 503. */
  maxClients: number
  /** Keys one stream may watch. */
  maxKeysPerClient: number
  /** A comment line is sent this often so proxies and dead connections are noticed. */
  heartbeatMs: number
}

interface Watched {
  source: LiveSource
  id: string
  /** The last value read, as JSON; undefined until the first read. */
  json: string | undefined
  clients: Set<LiveClient>
}

/**
 * Live updates for every dashboard client from ONE shared timer: each tick reads the units
 * somebody watches (one read per source for all of them, whatever the number of clients) and
 * sends each client only the keys that changed. Nothing is kept for units nobody watches, and
 * the timer stops when the last client leaves, so memory follows the watched set, not time.
 */
export class LiveHub {
  readonly #sources: ReadonlyMap<string, LiveSource>
  readonly #options: LiveHubOptions
  readonly #watched = new Map<string, Watched>()
  readonly #clients = new Set<LiveClient>()
  #timer: NodeJS.Timeout | null = null
  #tick = 0
  #reading = false

  constructor(sources: readonly LiveSource[], options: LiveHubOptions) {
    this.#sources = new Map(sources.map((source) => [source.name, source]))
    this.#options = options
  }

  /** Opens a stream that starts with the current value of every key, then sends changes. */
  connect(keys: readonly string[]): LiveClient {
    const unique = [...new Set(keys)]
    this.#validate(unique)
    const retryMs = Math.max(1000, this.#options.intervalMs)
    const client = new LiveClient(unique, retryMs, (closed) => this.#disconnect(closed))
    this.#clients.add(client)
    const unread: string[] = []
    for (const key of unique) {
      const watched = this.#watch(key)
      watched.clients.add(client)
      if (watched.json === undefined) unread.push(key)
      else client.offer(key, watched.json)
    }
    if (unread.length > 0) void this.#read(unread)
    this.#startTimer()
    return client
  }

  /** Re-reads these keys now (after a change made through the dashboard). */
  refresh(keys: readonly string[]): Promise<void> {
    return this.#read(keys.filter((key) => this.#watched.has(key)))
  }

  /** Open streams and watched keys, to check that memory stays bounded. */
  stats(): { clients: number; keys: number; pending: number } {
    let pending = 0
    for (const client of this.#clients) pending += client.pendingCount
    return { clients: this.#clients.size, keys: this.#watched.size, pending }
  }

  /** Ends every stream and stops the timer. */
  close(): void {
    for (const client of [...this.#clients]) client.close()
  }

  #validate(keys: readonly string[]): void {
    if (keys.length === 0)
      throw new InvalidArgumentError('Watch at least one key (?key=job:<token>).')
    if (keys.length > this.#options.maxKeysPerClient) {
      throw new InvalidArgumentError(
        `One stream may watch at most ${this.#options.maxKeysPerClient} keys; open another stream for more.`,
      )
    }
    for (const key of keys) {
      const parts = splitKey(key)
      const source = parts && this.#sources.get(parts.source)
      if (!parts || !source) {
        throw new InvalidArgumentError(
          `Cannot watch ${JSON.stringify(key)}: keys are <source>:<id> with source one of ${[...this.#sources.keys()].join(', ')}.`,
        )
      }
      source.validate?.(parts.id)
    }
    if (this.#clients.size >= this.#options.maxClients) {
      throw new HttpRefusal(
        'TOO_MANY_CLIENTS',
        `${this.#options.maxClients} live streams are open already; close a tab or raise maxLiveClients.`,
      )
    }
  }

  #watch(key: string): Watched {
    let watched = this.#watched.get(key)
    if (!watched) {
      const { source, id } = splitKey(key)!
      watched = { source: this.#sources.get(source)!, id, json: undefined, clients: new Set() }
      this.#watched.set(key, watched)
    }
    return watched
  }

  #disconnect(client: LiveClient): void {
    this.#clients.delete(client)
    for (const key of client.keys) {
      const watched = this.#watched.get(key)
      watched?.clients.delete(client)
      if (watched && watched.clients.size === 0) this.#watched.delete(key)
    }
    if (this.#clients.size === 0) this.#stopTimer()
  }

  #startTimer(): void {
    if (this.#timer) return
    this.#timer = setInterval(() => this.#onTick(), this.#options.intervalMs)
    this.#timer.unref()
  }

  #stopTimer(): void {
    if (this.#timer) clearInterval(this.#timer)
    this.#timer = null
  }

  #onTick(): void {
    this.#tick++
    const beatEvery = Math.max(1, Math.round(this.#options.heartbeatMs / this.#options.intervalMs))
    if (this.#tick % beatEvery === 0) for (const client of this.#clients) client.ping()
    if (this.#reading) return
    const isDue = (source: LiveSource) => this.#tick % (source.everyTicks ?? 1) === 0
    const due = [...this.#watched.entries()]
      .filter(([, watched]) => isDue(watched.source))
      .map(([key]) => key)
    const tickers = [...this.#sources.values()].filter((source) => source.tick && isDue(source))
    this.#reading = true
    void this.#runTickers(tickers)
      .then(() => this.#read(due))
      .finally(() => {
        this.#reading = false
      })
  }

  async #runTickers(sources: readonly LiveSource[]): Promise<void> {
    await Promise.all(
      sources.map(async (source) => {
        try {
          await source.tick?.()
        } catch {
          // A failed sample is skipped; the watched reads below report the store's trouble.
        }
      }),
    )
  }

  async #read(keys: readonly string[]): Promise<void> {
    const bySource = new Map<LiveSource, string[]>()
    for (const key of keys) {
      const watched = this.#watched.get(key)
      if (watched) bySource.set(watched.source, [...(bySource.get(watched.source) ?? []), key])
    }
    await Promise.all(
      [...bySource].map(([source, sourceKeys]) => this.#readSource(source, sourceKeys)),
    )
  }

  async #readSource(source: LiveSource, keys: readonly string[]): Promise<void> {
    const ids = keys.map((key) => this.#watched.get(key)?.id ?? '')
    let values: unknown[]
    try {
      values = await source.read(ids)
    } catch (error) {
      const message = `Live updates paused: ${describeError(error).error.message}`
      for (const key of keys)
        for (const client of this.#watched.get(key)?.clients ?? []) client.problem(message)
      return
    }
    for (const [i, key] of keys.entries()) this.#publish(key, JSON.stringify(values[i] ?? null))
  }

  #publish(key: string, json: string): void {
    const watched = this.#watched.get(key)
    if (!watched || watched.json === json) return
    watched.json = json
    for (const client of watched.clients) client.offer(key, json)
  }
}
