// Edge test: `jobledger doctor <id>` against the test Redis: what it prints and its exit code
// (0 healthy, 1 when it found something). The findings are conformance cases.
import { describe, expect, it } from 'vitest'
import { useCliNamespace } from '../support/cli-namespace.js'

describe('jobledger doctor', () => {
  const t = useCliNamespace()
  const { cli } = t

  it('explains an unfinished job with the next command and exits 1; exits 0 once it finished', async () => {
    const job = t.ledger.job('nightly')
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
