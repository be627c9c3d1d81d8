import { once } from 'node:events'
import { createConnection, createServer, type Server, type Socket } from 'node:net'

/**
 * What the proxy does with the traffic between a client and Redis. Switch with `setMode`
 * while connections are live; a chunk gets the fate of the mode it arrived in.
 *
 * - forward: pass everything through (held replies are delivered first, in order)
 * - latency: deliver every chunk, both ways, `ms` after it arrived
 * - fragment: split every chunk into writes of at most `bytes`, one per event-loop turn
 * - blackhole: accept connections but drop everything, both ways
 * - hold: pass requests to Redis, keep its replies (they run, nobody hears) until the mode
 *   changes or `reset()` drops them; with `from`, replies pass until a request containing one
 *   of those strings (a script's sha or name) goes to Redis, and are kept from its reply on
 * - refuse: stop listening (new connections are refused) and reset the live ones
 */
export type FaultMode =
  | { kind: 'forward' }
  | { kind: 'latency'; ms: number }
  | { kind: 'fragment'; bytes: number }
  | { kind: 'blackhole' }
  | { kind: 'hold'; from?: readonly string[] }
  | { kind: 'refuse' }

type Direction = 'up' | 'down'

/** One direction of one connection: the chunks on their way, in order. */
class Lane {
  readonly #out: Socket
  readonly #proxy: FaultProxy
  readonly #direction: Direction
  readonly #queue: { chunk: Buffer; mode: FaultMode; at: number }[] = []
  readonly #held: Buffer[] = []
  #pumping = false

  constructor(out: Socket, proxy: FaultProxy, direction: Direction) {
    this.#out = out
    this.#proxy = proxy
    this.#direction = direction
  }

  accept(chunk: Buffer): void {
    const mode = this.#proxy.mode
    if (this.#direction === 'up') this.#proxy.sawRequest(chunk)
    if (mode.kind === 'blackhole' || mode.kind === 'refuse') return
    if (this.#direction === 'down' && this.#proxy.holding) {
      this.#held.push(chunk)
      this.#proxy.stats.heldChunks++
      return
    }
    this.#queue.push({ chunk, mode, at: Date.now() })
    void this.#pump()
  }

  /** Delivers what was held (the mode left `hold`). */
  release(): void {
    const forward: FaultMode = { kind: 'forward' }
    this.#queue.unshift(...this.#held.splice(0).map((chunk) => ({ chunk, mode: forward, at: 0 })))
    void this.#pump()
  }

  async #pump(): Promise<void> {
    if (this.#pumping) return
    this.#pumping = true
    while (this.#queue.length > 0 && !this.#out.destroyed) {
      const { chunk, mode, at } = this.#queue.shift()!
      if (mode.kind === 'latency') await pause(at + mode.ms - Date.now())
      if (mode.kind === 'fragment') {
        for (let i = 0; i < chunk.length; i += mode.bytes) {
          this.#out.write(chunk.subarray(i, i + mode.bytes))
          await new Promise((resolve) => setImmediate(resolve))
        }
      } else {
        this.#out.write(chunk)
      }
    }
    this.#pumping = false
  }
}

function pause(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve()
}

interface Pair {
  client: Socket
  upstream: Socket
  down: Lane
}

/**
 * A TCP proxy between the ledger and a private redis-server, to inject network faults:
 * `await FaultProxy.start(redisPort)`, point the ledger at `proxy.url`, then `setMode`.
 *
 * @example
 * await proxy.setMode({ kind: 'hold' })   // the next command runs, its reply is kept
 * proxy.reset()                            // and the connection is reset before it arrives
 */
export class FaultProxy {
  readonly port: number
  readonly #target: { host: string; port: number }
  #server: Server
  #mode: FaultMode = { kind: 'forward' }
  readonly #pairs = new Set<Pair>()
  /**
   * Connections accepted, client→Redis chunks received (one per socket read), and Redis→client
   * chunks kept by `hold` (a kept reply means Redis ran the command: it answered).
   */
  readonly stats = { accepted: 0, upChunks: 0, heldChunks: 0 }
  #holding = false

  private constructor(server: Server, port: number, target: { host: string; port: number }) {
    this.#server = server
    this.port = port
    this.#target = target
  }

  static async start(targetPort: number, host = '127.0.0.1'): Promise<FaultProxy> {
    const server = createServer()
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    const address = server.address()
    if (address === null || typeof address === 'string') throw new Error('no proxy port')
    const proxy = new FaultProxy(server, address.port, { host, port: targetPort })
    proxy.#listenOn(server)
    return proxy
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`
  }

  get mode(): FaultMode {
    return this.#mode
  }

  /** Whether replies are being kept now (mode `hold`, its `from` request seen). */
  get holding(): boolean {
    return this.#holding
  }

  /** Counts a client→Redis chunk and starts holding when it is the awaited request. */
  sawRequest(chunk: Buffer): void {
    this.stats.upChunks++
    const mode = this.#mode
    if (mode.kind !== 'hold' || this.#holding || mode.from === undefined) return
    const text = chunk.toString('latin1')
    if (mode.from.some((marker) => text.includes(marker))) this.#holding = true
  }

  /** Live client connections. */
  get connections(): number {
    return this.#pairs.size
  }

  async setMode(mode: FaultMode): Promise<void> {
    const previous = this.#mode
    this.#mode = mode
    this.#holding = mode.kind === 'hold' && mode.from === undefined
    if (mode.kind === 'refuse' && previous.kind !== 'refuse') {
      this.reset()
      this.#server.close()
      await once(this.#server, 'close')
    }
    if (previous.kind === 'refuse' && mode.kind !== 'refuse') await this.#listenAgain()
    if (previous.kind === 'hold' && mode.kind !== 'hold') {
      for (const pair of this.#pairs) pair.down.release()
    }
  }

  /** Resets every live connection (the client sees ECONNRESET); held replies are dropped. */
  reset(): void {
    for (const pair of [...this.#pairs]) this.#drop(pair)
  }

  async close(): Promise<void> {
    this.reset()
    if (this.#server.listening) {
      this.#server.close()
      await once(this.#server, 'close')
    }
  }

  #listenOn(server: Server): void {
    server.on('connection', (client) => this.#accept(client))
  }

  async #listenAgain(): Promise<void> {
    const server = createServer()
    this.#listenOn(server)
    server.listen(this.port, '127.0.0.1')
    await once(server, 'listening')
    this.#server = server
  }

  #accept(client: Socket): void {
    if (this.#mode.kind === 'refuse') {
      client.resetAndDestroy()
      return
    }
    this.stats.accepted++
    const upstream = createConnection(this.#target)
    client.setNoDelay(true)
    upstream.setNoDelay(true)
    const pair: Pair = { client, upstream, down: new Lane(client, this, 'down') }
    const up = new Lane(upstream, this, 'up')
    this.#pairs.add(pair)
    client.on('data', (chunk: Buffer) => up.accept(chunk))
    upstream.on('data', (chunk: Buffer) => pair.down.accept(chunk))
    const end = () => this.#drop(pair)
    for (const socket of [client, upstream]) {
      socket.on('error', end)
      socket.on('close', end)
    }
  }

  #drop(pair: Pair): void {
    if (!this.#pairs.delete(pair)) return
    if (!pair.client.destroyed) pair.client.resetAndDestroy()
    pair.upstream.destroy()
  }
}
