// Edge test: the built `jobledger` binary on the test Redis reads a job whose details
// expired by their real Redis TTL, and a group whose details went when it completed
// (keepCompletedMs 0): `ls` and `status` show the compact summaries, marked as such.
import { describe, expect, it } from 'vitest'
import type { StagedJobPayload } from '../../src/index.js'
import { eventually } from '../../src/testing/wait.js'
import { useCliNamespace } from '../support/cli-namespace.js'

describe('jobledger on expired details', () => {
  const t = useCliNamespace()
  const { cli } = t

  it('ls and status show a job by its compact summary once its keys expired in Redis', async () => {
    const job = t.ledger.job(undefined, { ttlMs: 300, summaryTtlMs: 600_000, name: 'nightly' })
    await job.push('a', 'b')
    await job.close()
    await job.done('a')
    await job.fail('b', 'disk full')
    await eventually(async () => (await job.summary())?.compact === true, 'details expired', 5_000)

    const listed = await cli('ls')
    expect(listed.code).toBe(0)
    expect(listed.stdout).toMatch(
      new RegExp(`^${job.token} +nightly +finished \\(failed\\) \\(compact summary\\) +2/2`, 'm'),
    )
    const shown = await cli('status', job.token)
    expect(shown.code).toBe(0)
    expect(shown.stdout).toMatch(/^state +finished/m)
    expect(shown.stdout).toMatch(/^details +expired: compact summary$/m)
    const json = await cli('status', job.token, '--json')
    expect(JSON.parse(json.stdout)).toMatchObject({ compact: true, failed: 1, succeeded: 1 })
  })

  it('ls --kind group and status --kind group show a group whose details are gone', async () => {
    const dispatched: StagedJobPayload[] = []
    const staged = t.ns.ledger({
      keepCompletedMs: 0,
      dispatch: (payload: StagedJobPayload) => void dispatched.push(payload),
    })
    const group = await staged.withinGrouping('nightly', (g) => g.stage(1).enqueue('Import', []))
    for (const payload of dispatched.splice(0))
      await (await staged.stagedJob(payload)).run(() => {})
    expect(await t.ledger.groupWithStages(group.id)).toMatchObject({ compact: true })

    const shown = await cli('status', group.id, '--kind', 'group')
    expect(shown.code).toBe(0)
    expect(shown.stdout).toMatch(/^state +succeeded$/m)
    expect(shown.stdout).toMatch(/^jobs +1\/1 \(100%\) settled$/m)
    expect(shown.stdout).toMatch(/^details +expired: compact summary$/m)
    const listed = await cli('ls', '--kind', 'group')
    expect(listed.stdout).toMatch(
      new RegExp(`^${group.id} +succeeded \\(compact summary\\) +1/1 \\(100%\\)`, 'm'),
    )
  })
})
