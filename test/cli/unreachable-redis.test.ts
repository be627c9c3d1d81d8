// Edge test: runs the built `jobledger` against Redis servers that cannot be used, each in
// its own way (nobody listening, TLS against a plain port, a handshake that is not TLS, a
// password required), all on loopback: one distinct line each, the password masked, exit 1.
// A DNS failure would need a resolver, so its wording is checked on the classifier itself.
import { createServer, type Server } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import {
  classifyConnectionError,
  explainConnectionProblem,
} from '../../src/cli/connection-errors.js'
import { freePort, type RunningRedis, startRedisServer } from '../../src/testing/redis-server.js'
import { linesOf, runCli } from '../support/run-cli.js'

describe('jobledger with a Redis it cannot use', () => {
  let redis: RunningRedis | null = null
  let fake: Server | null = null
  afterEach(async () => {
    await redis?.stop()
    redis = null
    await new Promise((resolve) => (fake ? fake.close(resolve) : resolve(undefined)))
    fake = null
  })

  async function oneLine(args: string[]): Promise<string> {
    const { code, stdout, stderr } = await runCli(args)
    expect(code).toBe(1)
    expect(stdout).toBe('')
    const lines = linesOf(stderr)
    expect(lines).toHaveLength(1)
    expect(stderr).not.toContain('s3cret-pw')
    return lines[0]!
  }

  it('says the connection was refused, with the password masked', async () => {
    const url = `redis://admin:s3cret-pw@127.0.0.1:${await freePort()}`
    expect(await oneLine(['ls', '--redis', url])).toMatch(
      /^jobledger: Redis at redis:\/\/admin:\*\*\*@127\.0\.0\.1:\d+ refused the connection \(ECONNREFUSED\): check that redis-server runs there/,
    )
  })

  it('says the credentials were refused when the password is wrong or missing', async () => {
    redis = await startRedisServer(['--requirepass', 'right-pw'])
    const wrong = `redis://:s3cret-pw@127.0.0.1:${redis.port}`
    expect(await oneLine(['ls', '--redis', wrong])).toMatch(
      /^jobledger: Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+ refused the credentials \(WRONGPASS\): put the right user and password in the URL/,
    )
    const missing = `redis://127.0.0.1:${redis.port}`
    expect(await oneLine(['ls', '--redis', missing])).toContain('refused the credentials (NOAUTH)')
  })

  it('says TLS failed when the server does not answer like TLS', async () => {
    fake = createServer((socket) => socket.end('-ERR this is not TLS\r\n').destroySoon())
    await new Promise<void>((resolve) => fake!.listen(0, '127.0.0.1', resolve))
    const url = `rediss://127.0.0.1:${(fake.address() as { port: number }).port}`
    expect(await oneLine(['ls', '--redis', url])).toMatch(
      /^jobledger: TLS with Redis at rediss:\/\/127\.0\.0\.1:\d+ failed \(ERR_SSL_[A-Z_]+\): check the server's certificate, or use redis:\/\//,
    )
  })

  it('tells a DNS failure, a refused connection, TLS and credentials apart', () => {
    const error = (code: string, message = code) => Object.assign(new Error(message), { code })
    const seen = [
      error('ENOTFOUND', 'getaddrinfo ENOTFOUND redis.internal'),
      error('EAI_AGAIN'),
      error('ECONNREFUSED'),
      error('ERR_SSL_WRONG_VERSION_NUMBER'),
      error('DEPTH_ZERO_SELF_SIGNED_CERT'),
      new Error('WRONGPASS invalid username-password pair or user is disabled.'),
      error('ETIMEDOUT'),
      error('ECONNRESET'),
      new Error('something else'),
    ].map(classifyConnectionError)
    expect(seen).toEqual(['dns', 'dns', 'refused', 'tls', 'tls', 'auth', 'timeout', 'closed', null])
    expect(explainConnectionProblem('dns', 'redis://redis.internal:6379', error('ENOTFOUND'))).toBe(
      'Cannot resolve the host of redis://redis.internal:6379 (ENOTFOUND): check the host name in --redis or JOBLEDGER_REDIS_URL.',
    )
  })

  it('adds the stack trace with --verbose, still without the password', async () => {
    const url = `redis://admin:s3cret-pw@127.0.0.1:${await freePort()}`
    const { code, stderr } = await runCli(['status', 'x', '--verbose'], {
      JOBLEDGER_REDIS_URL: url,
    })
    expect(code).toBe(1)
    expect(stderr).toMatch(/^\s+at /m)
    expect(stderr).not.toContain('s3cret-pw')
  })
})
