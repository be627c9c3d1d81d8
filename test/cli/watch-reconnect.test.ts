// Edge test: `jobledger watch` while its Redis goes away and comes back. Needs a redis-server
// of its own (the shared one cannot be stopped), restarted on the same port from its dump.
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createLedger } from '../../src/index.js'
import { freePort } from '../../src/testing/redis-server.js'
import { eventually } from '../../src/testing/wait.js'
import { startCli } from '../support/run-cli.js'

/** redis-server on `port`, keeping its dump in `dir` (loaded again on a restart). */
async function redisOn(port: number, dir: string): Promise<ChildProcess> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir]
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'inherit'] })
  let output = ''
  child.stdout?.setEncoding('utf8')
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output}`)))
    child.stdout?.on('data', (chunk: string) => {
      output += chunk
      if (output.includes('Ready to accept connections')) resolve()
    })
  })
  child.removeAllListeners('exit')
  child.stdout?.resume()
  return child
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  child.kill('SIGTERM')
  await once(child, 'exit')
}

describe('jobledger watch across a Redis outage', () => {
  let dir: string
  let port: number
  let server: ChildProcess
  const url = () => `redis://127.0.0.1:${port}`

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jobledger-blip-'))
    port = await freePort()
    server = await redisOn(port, dir)
    const ledger = createLedger({ redis: url(), prefix: 'blip' })
    await ledger.job('nightly').pushEach(['a', 'b'], () => {})
    await ledger.close()
  })
  afterEach(async () => {
    await stop(server)
    rmSync(dir, { recursive: true, force: true })
  })

  /** Saves the dump and stops the server: every connection to it fails until it is back. */
  async function outage(): Promise<void> {
    const admin = new Redis(url())
    await admin.save()
    await admin.quit()
    await stop(server)
  }

  it('says it lost Redis, says when it is back, and goes on to the end', async () => {
    const watcher = startCli(['watch', 'nightly', '--interval', '50', '--prefix', 'blip'], {
      JOBLEDGER_REDIS_URL: url(),
    })
    let stderr = ''
    watcher.child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    await watcher.firstLine
    await outage()
    await eventually(() => stderr.includes('lost the connection'), 'watch reports the outage')
    server = await redisOn(port, dir)
    await eventually(() => stderr.includes('is back after'), 'watch reports the reconnection')
    const ledger = createLedger({ redis: url(), prefix: 'blip' })
    await ledger.job('nightly').done('0')
    await ledger.job('nightly').done('1')
    await ledger.close()
    const { code, stdout } = await watcher.result
    expect(code).toBe(0)
    expect(stdout).toContain('job nightly finished: succeeded')
    expect(stderr).toMatch(
      /^jobledger: lost the connection to Redis at redis:\/\/127\.0\.0\.1:\d+ \(prefix blip\); retrying every 50ms, giving up after 1m00s \(--give-up-after\)\.$/m,
    )
    expect(stderr).toMatch(/^jobledger: Redis is back after \S+; watching job nightly again\.$/m)
  })

  it('gives up after --give-up-after without Redis, exiting 1', async () => {
    const watcher = startCli(
      ['watch', 'nightly', '--interval', '50', '--give-up-after', '300', '--prefix', 'blip'],
      { JOBLEDGER_REDIS_URL: url() },
    )
    await watcher.firstLine
    await outage()
    const { code, stderr } = await watcher.result
    expect(code).toBe(1)
    expect(stderr.trim().split('\n').at(-1)).toMatch(
      /^jobledger: Gave up watching job nightly: Redis at redis:\/\/127\.0\.0\.1:\d+ \(prefix blip\) was unreachable for 300ms\./,
    )
  })
})
