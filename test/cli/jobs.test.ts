// Edge test: runs the built `jobledger` binary as a child process against the test Redis,
// each test under its own prefix, and checks what it prints against the library's own reads.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Ledger } from '../../src/index.js'
import { redisNamespace } from '../support/redis-namespace.js'
import { linesOf, runCli } from '../support/run-cli.js'

describe('jobledger ls, status and stop on Redis', () => {
  let ns: Awaited<ReturnType<typeof redisNamespace>>
  let ledger: Ledger
  const cli = (...args: string[]) => runCli(args, { JOBLEDGER_REDIS_URL: ns.url })

  beforeEach(async () => {
    ns = await redisNamespace()
    ledger = ns.ledger()
  })
  afterEach(async () => ns.close())

  async function twoJobs(): Promise<void> {
    const older = ledger.job('import-older')
    await older.pushEach(['a', 'b', 'c', 'd'], () => {})
    await older.done('0')
    await older.fail('1', new Error('row 3 is not a date'))
    const newer = ledger.job('import-newer')
    await newer.push('only')
    await newer.close()
    await newer.done('only')
  }

  it('ls prints a table of live jobs, newest first, with state, progress and age', async () => {
    await twoJobs()
    const { code, stdout, stderr } = await cli('--prefix', ns.prefix, 'ls')
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const [header, ...rows] = linesOf(stdout)
    expect(header?.split(/\s+/)).toEqual(['ID', 'STATE', 'PROGRESS', 'AGE'])
    expect(rows.map((row) => row.split(/\s{2,}/))).toEqual([
      ['import-newer', 'finished (succeeded)', '1/1 (100%)', expect.stringMatching(/^\d+s$/)],
      ['import-older', 'closed', '2/4 (50%)', expect.stringMatching(/^\d+s$/)],
    ])
  })

  it('ls --json prints exactly the listing of ledger.list', async () => {
    await twoJobs()
    const { code, stdout } = await cli('ls', '--json', '--prefix', ns.prefix)
    expect(code).toBe(0)
    const { items } = await ledger.list({ kind: 'job' })
    expect(JSON.parse(stdout)).toEqual(JSON.parse(JSON.stringify(items)))
  })

  it('ls says so when there is nothing to list', async () => {
    const { code, stdout } = await cli('ls', '--prefix', ns.prefix)
    expect(code).toBe(0)
    expect(stdout).toContain(`No live job units in ${ns.url} (prefix ${ns.prefix})`)
  })

  it('status --json equals the job summary', async () => {
    await twoJobs()
    const { code, stdout } = await cli('status', 'import-older', '--json', '--prefix', ns.prefix)
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toEqual(await ledger.job('import-older').summary())
  })

  it('status shows state, counts and each failed part with its reason', async () => {
    await twoJobs()
    const { code, stdout } = await cli('status', 'import-older', '--prefix', ns.prefix)
    expect(code).toBe(0)
    expect(stdout).toMatch(/^state\s+closed$/m)
    expect(stdout).toMatch(/^parts\s+2\/4 \(50%\) settled$/m)
    expect(stdout).toMatch(/^failed\s+1$/m)
    expect(stdout).toContain('failed parts (1)')
    expect(stdout).toMatch(/^1\s+Error: row 3 is not a date$/m)
  })

  it('status prints the first 20 failed parts and says how many there are', async () => {
    const job = ledger.job('many-failures')
    await job.push(...Array.from({ length: 45 }, (_, i) => String(i)))
    await job.close()
    for (let part = 0; part < 45; part++) await job.fail(part, `reason ${part}`)
    const { code, stdout } = await cli('status', 'many-failures', '--prefix', ns.prefix)
    expect(code).toBe(0)
    expect(stdout).toContain('failed parts (first 20 of 45; the dashboard pages through them all)')
    expect(stdout.match(/^\d+\s+reason \d+$/gm)).toHaveLength(20)
  })

  it('status of an unknown id exits 1 with one line naming where it looked', async () => {
    const { code, stdout, stderr } = await cli('status', 'never-made', '--prefix', ns.prefix)
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(linesOf(stderr)).toEqual([
      `jobledger: No unit "never-made" (job, status, group or queue) in ${ns.url} (prefix ${ns.prefix}) (it may have expired); list live units with 'jobledger ls --kind KIND'.`,
    ])
  })

  it('stop raises the flag with its reason; stopping an unknown job exits 1', async () => {
    await twoJobs()
    const stopped = await cli(
      'stop',
      'import-older',
      '--reason',
      'bad input',
      '--prefix',
      ns.prefix,
    )
    expect(stopped.code).toBe(0)
    expect(stopped.stdout).toContain('Stop requested for job import-older (state now stopped)')
    expect(await ledger.job('import-older').summary()).toMatchObject({
      state: 'stopped',
      stopReason: 'bad input',
    })
    const unknown = await cli('stop', 'never-made', '--prefix', ns.prefix)
    expect(unknown.code).toBe(1)
    expect(linesOf(unknown.stderr)).toEqual([
      'jobledger: Job never-made does not exist or has expired; nothing to stop.',
    ])
  })

  it('reads the prefix from JOBLEDGER_PREFIX and the URL from --redis', async () => {
    await twoJobs()
    const { code, stdout } = await runCli(['status', 'import-newer', '--json', '--redis', ns.url], {
      JOBLEDGER_PREFIX: ns.prefix,
    })
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({ token: 'import-newer', outcome: 'succeeded' })
  })
})
