// Edge test: runs the built `jobledger demo` as a child process, on the embedded store and on
// the test Redis with worker processes, and checks its totals against the seeded plan and
// against the ledger's own reads.
import { afterEach, describe, expect, it } from 'vitest'
import { ITEM_ATTEMPTS, itemIds, planItem } from '../../src/demo/plan.js'
import type { DemoResult } from '../../src/demo/run-demo.js'
import { expectReportCallbackOnce } from '../support/demo-checks.js'
import { redisNamespace } from '../support/redis-namespace.js'
import { linesOf, runCli } from '../support/run-cli.js'

const SMALL = ['--items', '600', '--batch-size', '50', '--fail-rate', '0.05', '--seed', '8']
const SETTINGS = { items: 600, batchSize: 50, failRate: 0.05, seed: 8, workUs: 0 }

/** Items whose injected failures outlast every attempt: what must end up errored. */
function exhaustedFailures(): number {
  let count = 0
  for (const id of itemIds(SETTINGS)) {
    if (planItem(SETTINGS, id).failingAttempts >= ITEM_ATTEMPTS) count++
  }
  return count
}

function skippedItems(): number {
  let count = 0
  for (const id of itemIds(SETTINGS)) if (planItem(SETTINGS, id).skip) count++
  return count
}

function expectExactTotals(result: DemoResult): void {
  const { report } = result
  expect(report.items).toBe(600)
  expect(report.processed + report.skipped + report.errored).toBe(600)
  expect(report.errored).toBe(exhaustedFailures())
  expect(report.errored).toBeGreaterThan(0)
  expect(report.skipped).toBe(skippedItems())
  expect(report.missing).toBe(0)
  expect(report).toMatchObject({ batches: 12, batchesDone: 12, finished: true })
  expect(result.retries.jobs).toBe(result.expected.jobRetries)
  expect(result.retries.jobs).toBeGreaterThan(0)
  expect(result.retries.items).toBe(result.expected.itemRetries)
  expect(result.workers.reduce((sum, w) => sum + w.items, 0)).toBe(600)
  expect(result.workers.reduce((sum, w) => sum + w.finishedJob, 0)).toBe(1)
  expect(result.mismatches).toEqual([])
  expectReportCallbackOnce(result)
}

describe('jobledger demo', () => {
  let ns: Awaited<ReturnType<typeof redisNamespace>> | null = null
  afterEach(async () => {
    await ns?.close()
    ns = null
  })

  it('on the embedded store, reports totals that match the input and the injected failures', async () => {
    const { code, stdout, stderr } = await runCli([
      'demo',
      ...SMALL,
      '--workers',
      '3',
      '--work-us',
      '0',
      '--json',
    ])
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const result = JSON.parse(stdout) as DemoResult
    expect(result.workerMode).toBe('in-process')
    expect(result.workers).toHaveLength(3)
    expectExactTotals(result)
  })

  it('prints plain progress lines and a summary table when not on a terminal', async () => {
    const { code, stdout } = await runCli(['demo', ...SMALL, '--workers', '2', '--work-us', '0'])
    expect(code).toBe(0)
    const lines = linesOf(stdout)
    expect(lines[0]).toMatch(/^Importing 600 items in batches of 50 with 2 workers on the embedded/)
    expect(lines.some((line) => /^\[ *[\d.]+m?s\] stage 1 import \d+\/600/.test(line))).toBe(true)
    expect(stdout).toMatch(new RegExp(`^errored +${exhaustedFailures()} \\(injected failures`, 'm'))
    expect(stdout).toMatch(/^batches +12\/12 done$/m)
    expect(stdout).toMatch(
      /^callback +demo-report on group settled: dispatched once, confirmed \(signal at \d{4}-\d\d-\d\dT[\d:.]+Z, key group:[0-9a-f]{32}:\|settled:demo-report\)$/m,
    )
    expect(lines.some((line) => line.includes('| report callback 1/1 run |'))).toBe(true)
    expect(stdout).toMatch(/^job token +[0-9a-f]{32} +jobledger status [0-9a-f]{32}$/m)
    expect(stdout).toContain("Check: the ledger's totals match the input")
    expect(stdout).not.toContain('\x1b[')
  })

  it('on Redis, runs 2 worker processes and leaves what it reports in the ledger', async () => {
    ns = await redisNamespace()
    const { code, stdout, stderr } = await runCli(
      ['demo', ...SMALL, '--workers', '2', '--work-us', '0', '--json', '--prefix', ns.prefix],
      { JOBLEDGER_REDIS_URL: ns.url },
    )
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const result = JSON.parse(stdout) as DemoResult
    expect(result.workerMode).toBe('processes')
    expectExactTotals(result)
    const ledger = ns.ledger()
    expect(await ledger.job(result.token).report()).toEqual(result.report)
    const group = await ledger.group(result.groupId)
    expect((await group.record()).completedAt).not.toBeNull()
    expect(await ledger.queue(result.queue).counts()).toEqual({
      waiting: 0,
      running: 0,
      finished: 12 + 2,
      failed: result.retries.jobs,
    })
    const workers = await Promise.all(
      [1, 2].map((n) => ledger.getStatus(`${result.runStatus}-worker-${n}`)),
    )
    expect(workers.map((snap) => snap?.status)).toEqual(['completed', 'completed'])
    const report = await ledger.getStatus(`${result.runStatus}-report`)
    expect(report?.fields.callback).toEqual({
      name: 'demo-report',
      idempotencyKey: result.callback.idempotencyKey,
      firedAt: result.callback.firedAt,
    })
    expect((await group.record()).signals.settled).toBe(result.callback.firedAt)
    expect((await ledger.diagnose(result.groupId)).findings).toEqual([])
  })

  it('refuses bad numbers with exit code 2 and one line', async () => {
    for (const args of [
      ['--items', '0'],
      ['--fail-rate', '2'],
      ['--workers', 'many'],
    ]) {
      const { code, stderr } = await runCli(['demo', ...args])
      expect(code).toBe(2)
      expect(linesOf(stderr)).toHaveLength(1)
    }
  })
})
