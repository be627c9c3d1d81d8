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

/** Starts a private, diskless redis-server on a free loopback port (never 6379). */
export async function startRedisServer(extraArgs: string[] = []): Promise<RunningRedis> {
  let lastError: unknown
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort()
    if (port === 6379) continue
    const args = [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      ...extraArgs,
    ]
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] })
    try {
      await waitUntilReady(child, port)
    } catch (error) {
      lastError = error
      child.kill('SIGKILL')
      if ((error as Error).message.includes('ENOENT')) break
      continue
    }
    child.stdout?.resume()
    return {
      url: `redis://127.0.0.1:${port}`,
      port,
      stop: async () => {
        if (child.exitCode !== null) return
        child.kill('SIGTERM')
        await once(child, 'exit')
      },
    }
  }
  const hint = String(lastError).includes('ENOENT')
    ? 'redis-server is not on PATH: install it (apt-get install -y redis-server); Redis tests never skip.'
    : String(lastError)
  throw new Error(`Cannot start the test Redis. ${hint}`)
}
