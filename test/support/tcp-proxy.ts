import { connect, createServer, type Server, type Socket } from 'node:net'

/**
 * A loopback TCP proxy in front of the test Redis, for connection tests: `hold()` stops
 * forwarding what clients send (written commands then never get a reply), `reset()` drops every
 * connection, `release()` goes back to forwarding.
 */
export interface TcpProxy {
  readonly url: string
  hold(): void
  /** Bytes clients sent while held (dropped, never forwarded). */
  heldBytes(): number
  release(): void
  reset(): void
  close(): Promise<void>
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>()
  let holding = false
  let dropped = 0
  const server: Server = createServer((client) => {
    const upstream = connect(target.port, target.host)
    sockets.add(client).add(upstream)
    client.on('data', (chunk) => {
      if (holding) dropped += chunk.length
      else upstream.write(chunk)
    })
    upstream.on('data', (chunk) => client.write(chunk))
    const end = () => {
      client.destroy()
      upstream.destroy()
      sockets.delete(client)
      sockets.delete(upstream)
    }
    client.on('close', end).on('error', end)
    upstream.on('close', end).on('error', end)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('proxy has no port')
  return {
    url: `redis://127.0.0.1:${address.port}`,
    hold: () => {
      holding = true
    },
    heldBytes: () => dropped,
    release: () => {
      holding = false
    },
    reset: () => {
      for (const socket of sockets) socket.destroy()
    },
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
