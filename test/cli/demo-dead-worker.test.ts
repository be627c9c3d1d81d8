// Edge tests of `jobledger demo --redis` on the test Redis: one worker process killed (SIGKILL)
// mid-run must leave the run to finish with the other workers and the queue's leases, its
// ledger totals exact, the dead worker reported by its signal and no stack trace anywhere;
// and the Inspect commands it prints must work when pasted.
import { readdir, readFile } from 'node:fs/promises'
import { afterEach, describe, expect, it } from 'vitest'
import type { DemoResult } from '../../src/demo/run-demo.js'
import { eventually } from '../../src/testing/wait.js'
import { expectReportCallbackOnce } from '../support/demo-checks.js'
import { redisNamespace } from '../support/redis-namespace.js'
import { runCli, startCli } from '../support/run-cli.js'

/** The pid of the demo-worker child of `parent` working as number `worker`, if it runs. */
async function workerPid(parent: number, worker: number): Promise<number | null> {
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '')
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
    if (ppid !== parent) continue
    const args = (await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '')).split('\0')
    const at = args.indexOf('--worker')
    if (args.includes('demo-worker') && args[at + 1] === String(worker)) return Number(entry)
  }
  return null
}

describe('jobledger demo with a dead worker', () => {
  let ns: Awaited<ReturnType<typeof redisNamespace>> | null = null
  afterEach(async () => {
    await ns?.close()
    ns = null
  })

  it('finishes with the other workers and the leases when one worker process is SIGKILLed', async () => {
    ns = await redisNamespace()
    const args = ['demo', '--items', '3000', '--batch-size', '50', '--workers', '3']
    const cli = startCli(
      [
        ...args,
        '--work-us',
        '2000',
        '--fail-rate',
        '0.05',
        '--seed',
        '8',
        '--json',
        '--prefix',
        ns.prefix,
      ],
      { JOBLEDGER_REDIS_URL: ns.url },
    )
    const ledger = ns.ledger()
    await eventually(
      async () => {
        const { items } = await ledger.list({ kind: 'status', limit: 50 })
        const worker = items.find((item) => item.id.endsWith('-worker-2'))
        return (worker?.summary.progress ?? 0) >= 50
      },
      'worker 2 has imported a batch',
      30_000,
    )
    const pid = await workerPid(cli.child.pid!, 2)
    expect(pid).not.toBeNull()
    process.kill(pid!, 'SIGKILL')
    const { code, stdout, stderr } = await cli.result
    expect(stderr).not.toMatch(/^\s+at /m)
    expect(code).toBe(0)
    const result = JSON.parse(stdout) as DemoResult
    expect(result.lostWorkers).toEqual([
      { worker: 2, pid, exitCode: null, signal: 'SIGKILL', message: expect.any(String) },
    ])
    expect(stderr).toMatch(/worker process 2 .*killed by SIGKILL/)
    expect(result.mismatches).toEqual([])
    expectReportCallbackOnce(result)
    expect(result.report).toMatchObject({
      items: 3000,
      processed: result.expected.processed,
      skipped: result.expected.skipped,
      errored: result.expected.errored,
      missing: 0,
      batches: 60,
      batchesDone: 60,
      finished: true,
    })
    expect(await ledger.job(result.token).report()).toEqual(result.report)
    const counts = await ledger.queue(result.queue).counts()
    expect([counts.waiting, counts.running]).toEqual([0, 0])
  })

  it('prints Inspect commands that work when pasted, with --redis and --prefix', async () => {
    ns = await redisNamespace()
    const small = ['--items', '200', '--batch-size', '50', '--workers', '1', '--work-us', '0']
    const { code, stdout } = await runCli(['demo', ...small, '--prefix', ns.prefix], {
      JOBLEDGER_REDIS_URL: ns.url,
    })
    expect(code).toBe(0)
    const line = stdout.split('\n').find((text) => text.startsWith('job token'))
    const command = /jobledger (status .*)$/.exec(line ?? '')?.[1]?.split(' ')
    expect(command).toEqual([
      'status',
      expect.stringMatching(/^[0-9a-f]{32}$/),
      '--redis',
      ns.url,
      '--prefix',
      ns.prefix,
    ])
    const pasted = await runCli(command!)
    expect(pasted.code).toBe(0)
    expect(pasted.stdout).toMatch(/^state +finished/m)
  })
})
