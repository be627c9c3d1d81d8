// Edge test: `jobledger doctor <id>` against the test Redis: what it prints and its exit code
// (0 healthy, 1 when it found something). The findings are conformance cases.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Ledger } from '../../src/index.js'
import { redisNamespace } from '../support/redis-namespace.js'
import { runCli } from '../support/run-cli.js'

describe('jobledger doctor', () => {
  let ns: Awaited<ReturnType<typeof redisNamespace>>
  let ledger: Ledger
  const cli = (...args: string[]) =>
    runCli([...args, '--prefix', ns.prefix], { JOBLEDGER_REDIS_URL: ns.url })

  beforeEach(async () => {
    ns = await redisNamespace()
    ledger = ns.ledger()
  })
  afterEach(async () => ns.close())

  it('explains an unfinished job with the next command and exits 1; exits 0 once it finished', async () => {
    const job = ledger.job('nightly')
    await job.push('a', 'b')
    await job.close()
    await job.done('a')
    const sick = await cli('doctor', 'nightly')
    expect(sick.code).toBe(1)
    expect(sick.stdout).toContain('job nightly (closed): 1 finding.')
    expect(sick.stdout).toContain('- 1 part still open (b)')
    expect(sick.stdout).toMatch(/^ {2}next: jobledger status nightly/m)
    await job.done('b')
    const healthy = await cli('doctor', 'nightly', '--json')
    expect(healthy.code).toBe(0)
    expect(JSON.parse(healthy.stdout)).toMatchObject({ kind: 'job', healthy: true, findings: [] })
  })

  it('exits 1 with NOT_FOUND for an unknown id', async () => {
    const missing = await cli('doctor', 'nothing-here')
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('nothing-here')
  })
})
