// Edge test: runs the built `jobledger purge` as a child process against the test Redis.
// Its stdin is a pipe, so it is never a terminal: purge must refuse without --yes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { redisNamespace } from '../support/redis-namespace.js'
import { linesOf, runCli } from '../support/run-cli.js'

describe('jobledger purge on Redis', () => {
  let ns: Awaited<ReturnType<typeof redisNamespace>>
  let other: Awaited<ReturnType<typeof redisNamespace>>

  beforeEach(async () => {
    ns = await redisNamespace()
    other = await redisNamespace()
    await ns.ledger().job('mine').push('0')
    await other.ledger().job('theirs').push('0')
  })
  afterEach(async () => {
    await ns.close()
    await other.close()
  })

  it('refuses without --yes when stdin is not a terminal, exits 2 and deletes nothing', async () => {
    const { code, stderr } = await runCli(['purge', '--redis', ns.url, '--prefix', ns.prefix])
    expect(code).toBe(2)
    expect(linesOf(stderr)).toEqual([
      `jobledger: Refusing to purge 1 job, 0 statuses, 0 groups and 0 queues (0 items) in ${ns.url} (prefix ${ns.prefix}) without confirmation: stdin is not a terminal; pass --yes to purge.`,
    ])
    expect(await ns.ledger().job('mine').total()).toBe(1)
  })

  it('with --yes deletes everything under its prefix and nothing under another', async () => {
    const { code, stdout } = await runCli([
      'purge',
      '--yes',
      '--redis',
      ns.url,
      '--prefix',
      ns.prefix,
    ])
    expect(code).toBe(0)
    expect(stdout).toMatch(/^Purged .+: [1-9]\d* removed\.$/m)
    expect(await ns.ledger().job('mine').summary()).toBeNull()
    expect((await ns.ledger().list({ kind: 'job' })).items).toEqual([])
    expect(await other.ledger().job('theirs').total()).toBe(1)
  })
})
