// Edge test: the CLI's changing commands (cancel, delete, retry, retry-failed, clean) say what they
// will change first, refuse without a terminal unless --yes, and print an audit line.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Ledger } from '../../src/index.js'
import { redisNamespace } from '../support/redis-namespace.js'
import { runCli } from '../support/run-cli.js'

describe('jobledger cancel, delete, retry-failed and clean', () => {
  let ns: Awaited<ReturnType<typeof redisNamespace>>
  let ledger: Ledger
  const cli = (...args: string[]) =>
    runCli(['--prefix', ns.prefix, ...args], { JOBLEDGER_REDIS_URL: ns.url })

  beforeEach(async () => {
    ns = await redisNamespace()
    ledger = ns.ledger({ dispatch: () => {} })
  })
  afterEach(async () => ns.close())

  it('cancel refuses without --yes, then cancels with it; delete removes the cancelled group', async () => {
    const group = await ledger.withinGrouping('nightly', async (g) => {
      await g.stage(1).enqueue('A', [])
      await g.stage(2).enqueue('B', [])
    })
    const refused = await cli('cancel', group.id)
    expect(refused.code).toBe(2)
    expect(refused.stdout).toContain('1 queued')
    expect(refused.stderr).toContain('pass --yes')
    expect((await group.record()).state).not.toBe('stopped')
    const done = await cli('cancel', group.id, '--yes', '--reason', 'bad input')
    expect(done.code).toBe(0)
    expect(done.stdout).toContain(`Group ${group.id} cancelled`)
    expect(done.stderr).toMatch(/^jobledger: audit \{"action":"cancel"/m)
    expect(await group.record()).toMatchObject({ state: 'stopped', stopReason: 'bad input' })
    const deleted = await cli('delete', group.id, '--yes')
    expect(deleted.code).toBe(0)
    expect(deleted.stdout).toMatch(/with 2 stage\(s\) and \d+ staged job\(s\)/)
    await expect(ledger.group(group.id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('retry-failed and clean count first and act with --yes', async () => {
    const queue = ledger.queue('imports')
    for (const n of [1, 2, 3]) await queue.createAndPush({ n })
    for (let i = 0; i < 2; i++) await (await queue.tryPopAndStart())?.fail(['bad'])
    await (await queue.tryPopAndStart())?.finish({})
    const refused = await cli('retry-failed', 'imports')
    expect(refused.code).toBe(2)
    expect(refused.stdout).toContain('Retrying 2 of 2 failed item(s)')
    expect((await queue.counts()).failed).toBe(2)
    const retried = await cli('retry-failed', 'imports', '--yes')
    expect(retried.stdout).toContain('Retried 2 item(s)')
    expect((await queue.counts()).waiting).toBe(2)
    const cleaned = await cli('clean', 'imports', '--older-than', '0', '--yes')
    expect(cleaned.code).toBe(0)
    expect(cleaned.stdout).toContain('Deleted 1 finished item(s)')
    expect(cleaned.stderr).toMatch(/^jobledger: audit \{"action":"clean"/m)
    expect((await queue.counts()).finished).toBe(0)
  })

  it('retry and delete of one queue item print an audit line; delete asks first', async () => {
    const queue = ledger.queue('imports')
    const id = await queue.createAndPush({ n: 1 })
    await (await queue.tryPopAndStart())?.fail(['bad'])
    const retried = await cli('retry', 'imports', id)
    expect(retried.code).toBe(0)
    expect(retried.stderr).toContain(
      `audit {"action":"retry","unit":"queue:imports","by":"cli","item":"${id}"}`,
    )
    const refused = await cli('delete', 'imports', id)
    expect(refused.code).toBe(2)
    expect(refused.stdout).toContain(`Deleting item ${id} (waiting) of queue imports`)
    expect((await queue.get(id)).state).toBe('waiting')
    const deleted = await cli('delete', 'imports', id, '--yes')
    expect(deleted.code).toBe(0)
    expect(deleted.stdout).toContain(`Item ${id} of queue imports deleted.`)
    expect(deleted.stderr).toContain(
      `audit {"action":"delete","unit":"queue:imports","by":"cli","item":"${id}"}`,
    )
    await expect(queue.get(id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})
