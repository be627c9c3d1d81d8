import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:net'

export interface RunningRedis {
  url: string
  port: number
  stop(): Promise<void>
}

/** Asks the OS for a free loopback port. */
export async function freePort(): Promise<number> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address()
  server.close()
  await once(server, 'close')
  if (address === null || typeof address === 'string') throw new Error('could not read a free port')
  return address.port
}

function waitUntilReady(child: ChildProcess, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => fail(new Error('did not report ready within 10 s')), 10_000)
    const fail = (error: Error) => {
      clearTimeout(timer)
      reject(
        new Error(`redis-server on 127.0.0.1:${port} failed to start: ${error.message}\n${output}`),
      )
    }
    child.once('error', (error) => fail(error))
    child.once('exit', (code) => fail(new Error(`exited with code ${code}`)))
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer)
        resolve()
      }
    })
  })
}

function spawnRedis(port: number, args: string[]): ChildProcess {
  const all = ['--port', String(port), '--bind', '127.0.0.1', ...args]
  return spawn('redis-server', all, { stdio: ['ignore', 'pipe', 'pipe'] })
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = once(child, 'exit')
  child.kill(signal)
  await exited
}

/** Starts a private, diskless redis-server on a free loopback port (never 6379). */
export async function startRedisServer(extraArgs: string[] = []): Promise<RunningRedis> {
  let lastError: unknown
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort()
    if (port === 6379) continue
    const child = spawnRedis(port, ['--save', '', '--appendonly', 'no', ...extraArgs])
    try {
      await waitUntilReady(child, port)
    } catch (error) {
      lastError = error
      child.kill('SIGKILL')
      if ((error as Error).message.includes('ENOENT')) break
      continue
    }
    child.stdout?.resume()
    return { url: `redis://127.0.0.1:${port}`, port, stop: () => stopChild(child, 'SIGTERM') }
  }
  const hint = String(lastError).includes('ENOENT')
    ? 'redis-server is not on PATH: install it (apt-get install -y redis-server); Redis tests never skip.'
    : String(lastError)
  throw new Error(`Cannot start the test Redis. ${hint}`)
}

/** A redis-server that writes every change to its append-only file before answering. */
export interface DurableRedis extends RunningRedis {
  /** The data directory (the AOF lives here); it outlives kills and restarts. */
  readonly dir: string
  /** Whether the server is running now. */
  readonly running: boolean
  /** `kill -9`: the server dies at once, with no chance to save or close connections. */
  kill(): Promise<void>
  /** Starts the server again on the same port and data dir; resolves once it accepts commands. */
  restart(): Promise<void>
}

/**
 * Starts a private redis-server with `appendonly yes` and `appendfsync always` on `dir`, for
 * crash tests: every acknowledged write is on disk, `kill()` is a `kill -9`, and `restart()`
 * brings it back on the same port from the same files. Loopback only, never 6379.
 *
 * @example
 * const redis = await startDurableRedisServer(await mkdtemp(join(tmpdir(), 'crash-')))
 * await redis.kill(); await redis.restart(); await redis.stop()
 */
export async function startDurableRedisServer(dir: string): Promise<DurableRedis> {
  const args = ['--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', '']
  let port = await freePort()
  if (port === 6379) port = await freePort()
  let child = spawnRedis(port, args)
  await waitUntilReady(child, port)
  child.stdout?.resume()
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    get running() {
      return child.exitCode === null && child.signalCode === null
    },
    kill: () => stopChild(child, 'SIGKILL'),
    restart: async () => {
      await stopChild(child, 'SIGKILL')
      child = spawnRedis(port, args)
      await waitUntilReady(child, port)
      child.stdout?.resume()
    },
    stop: () => stopChild(child, 'SIGTERM'),
  }
}
