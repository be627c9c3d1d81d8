// Edge test: runs the built `jobledger` against a loopback port nobody listens on, to check
// what a user sees when Redis is down: one line, the password masked, exit 1.
import { describe, expect, it } from 'vitest'
import { freePort } from '../../src/testing/redis-server.js'
import { linesOf, runCli } from '../support/run-cli.js'

describe('jobledger with an unreachable Redis', () => {
  it('prints one line with the password masked and exits 1', async () => {
    const url = `redis://admin:s3cret-pw@127.0.0.1:${await freePort()}`
    const { code, stdout, stderr } = await runCli(['ls', '--redis', url])
    expect(code).toBe(1)
    expect(stdout).toBe('')
    const lines = linesOf(stderr)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(
      /^jobledger: Redis at redis:\/\/admin:\*\*\*@127\.0\.0\.1:\d+ is unreachable/,
    )
    expect(lines[0]).toContain('check that it runs and the URL is right')
    expect(stderr).not.toContain('s3cret-pw')
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
