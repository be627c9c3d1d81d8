// Edge test: `jobledger ls` passes its search options to ledger.list (the filters themselves
// are conformance cases on every store) and prints names when units have them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Ledger } from '../../src/index.js'
import { redisNamespace } from '../support/redis-namespace.js'
import { linesOf, runCli } from '../support/run-cli.js'

describe('jobledger ls search', () => {
  let ns: Awaited<ReturnType<typeof redisNamespace>>
  let ledger: Ledger
  const cli = (...args: string[]) =>
    runCli(['--prefix', ns.prefix, ...args], { JOBLEDGER_REDIS_URL: ns.url })

  beforeEach(async () => {
    ns = await redisNamespace()
    ledger = ns.ledger()
    await ledger.job('n1', { name: 'Nightly import' }).push('a')
    const failed = ledger.job('n2', { name: 'nightly export' })
    await failed.push('a')
    await failed.close()
    await failed.fail('a', 'no disk')
    await ledger.job('h1', { name: 'Hourly' }).push('a')
  })
  afterEach(async () => ns.close())

  it('filters by name prefix and state, showing names', async () => {
    const { code, stdout } = await cli('ls', '--name', 'NIGHT', '--order', 'oldest')
    expect(code).toBe(0)
    const [header, ...rows] = linesOf(stdout)
    expect(header?.split(/\s+/)).toEqual(['ID', 'NAME', 'STATE', 'PROGRESS', 'AGE'])
    expect(rows.map((row) => row.split(/\s{2,}/).slice(0, 2))).toEqual([
      ['n1', 'Nightly import'],
      ['n2', 'nightly export'],
    ])
    const failed = await cli('ls', '--state', 'failed', '--json')
    expect((JSON.parse(failed.stdout) as { id: string }[]).map((item) => item.id)).toEqual(['n2'])
  })

  it('says nothing matches, and refuses a bad time with exit 2', async () => {
    const none = await cli('ls', '--name', 'weekly')
    expect(none.stdout).toContain('No live job units match in')
    const bad = await cli('ls', '--since', 'last tuesday')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--since must be a time')
  })
})
