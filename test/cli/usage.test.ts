// Edge test: runs the built `jobledger` binary as a child process, as a user would.
// Nothing here needs a store: these are the command line's own answers.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { linesOf, runCli } from '../support/run-cli.js'

const COMMANDS = [
  'demo',
  'ls',
  'status',
  'watch',
  'stop',
  'retry',
  'purge',
  'cleanup',
  'doctor',
  'dashboard',
]

describe('jobledger command line', () => {
  it('lists every command in --help and exits 0', async () => {
    const { code, stdout, stderr } = await runCli(['--help'])
    expect(code).toBe(0)
    expect(stderr).toBe('')
    for (const name of COMMANDS) expect(stdout).toMatch(new RegExp(`^  ${name} `, 'm'))
    expect(stdout).toContain('JOBLEDGER_REDIS_URL')
    expect(stdout).toContain('only useful with --redis')
    expect(stdout).not.toContain('demo-worker')
  })

  it.each(['--version', '-V'])('prints the package version for %s and exits 0', async (flag) => {
    const { version } = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { version: string }
    const { code, stdout, stderr } = await runCli([flag])
    expect(code).toBe(0)
    expect(stderr).toBe('')
    expect(stdout).toBe(`${version}\n`)
  })

  it.each(COMMANDS)('prints help for %s and exits 0', async (name) => {
    const { code, stdout } = await runCli([name, '--help'])
    expect(code).toBe(0)
    expect(stdout).toContain(`Usage: jobledger ${name}`)
  })

  it('exits 2 with one line naming a close command for an unknown command', async () => {
    const { code, stdout, stderr } = await runCli(['stauts', 'x'])
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(linesOf(stderr)).toEqual([
      "jobledger: unknown command 'stauts' (Did you mean status?) (see 'jobledger --help')",
    ])
  })

  it('exits 2 with one line pointing at the command help when an argument is missing', async () => {
    const { code, stderr } = await runCli(['status'])
    expect(code).toBe(2)
    expect(linesOf(stderr)).toEqual([
      "jobledger: missing required argument 'id' (see 'jobledger status --help')",
    ])
  })

  it('exits 2 for an unknown option or a bad option value', async () => {
    const unknown = await runCli(['ls', '--colour'])
    expect(unknown.code).toBe(2)
    expect(linesOf(unknown.stderr)).toHaveLength(1)
    expect(unknown.stderr).toContain("unknown option '--colour'")
    const bad = await runCli(['watch', 'some-job', '--interval', 'soon'])
    expect(bad.code).toBe(2)
    expect(linesOf(bad.stderr)).toHaveLength(1)
    expect(bad.stderr).toContain('expected a whole number above 0')
  })

  it('exits 2 when run without a command, showing the usage', async () => {
    const { code, stderr } = await runCli([])
    expect(code).toBe(2)
    expect(stderr).toContain('Usage: jobledger')
  })

  it('exits 2 for a kind it cannot list or show, naming the kinds it can', async () => {
    const ls = await runCli(['ls', '--kind', 'widgets'])
    expect(ls.code).toBe(2)
    expect(linesOf(ls.stderr)).toHaveLength(1)
    expect(ls.stderr).toMatch(/^jobledger: kind must be one of job(, [a-z]+)*, got widgets\.$/m)
    const status = await runCli(['status', 'x', '--kind', 'widgets'])
    expect(status.code).toBe(2)
    expect(linesOf(status.stderr)).toHaveLength(1)
    expect(status.stderr).toMatch(
      /^jobledger: --kind must be one of job(, [a-z]+)*, got "widgets"\.$/m,
    )
  })

  it('exits 2 for a --redis value that is not a Redis URL, masking its password', async () => {
    const { code, stderr } = await runCli(['ls', '--redis', 'http://user:hunter2@host'])
    expect(code).toBe(2)
    expect(linesOf(stderr)).toHaveLength(1)
    expect(stderr).toContain('--redis must be a redis:// or rediss:// URL')
    expect(stderr).not.toContain('hunter2')
  })

  it('exits 2 for an id the ledger cannot hold, before touching any store', async () => {
    const { code, stderr } = await runCli(['stop', 'has space'])
    expect(code).toBe(2)
    expect(linesOf(stderr)).toHaveLength(1)
    expect(stderr).toContain('may not contain braces, whitespace or control characters')
  })

  it('on the embedded store, says an unknown id needs --redis and exits 1', async () => {
    const { code, stderr } = await runCli(['status', 'nightly'])
    expect(code).toBe(1)
    expect(linesOf(stderr)).toHaveLength(1)
    expect(stderr).toContain(
      'No unit "nightly" (job, status, group or queue) in the embedded store',
    )
    expect(stderr).toContain('pass --redis URL or set JOBLEDGER_REDIS_URL')
  })
})
