import { get } from 'node:http'
// Edge test: runs the built `jobledger` binary against the test Redis for the kinds beside
// jobs (statuses, groups, queues) and the maintenance commands (retry, cleanup), checking
// what it prints against the library's own reads.
import { describe, expect, it } from 'vitest'
import type { StagedJobPayload } from '../../src/index.js'
import { useCliNamespace } from '../support/cli-namespace.js'
import { linesOf, runCli, startCli } from '../support/run-cli.js'

describe('jobledger on statuses, groups and queues', () => {
  const t = useCliNamespace()
  const { cli } = t

  it('status --json of a status prints exactly getStatus(id).toJSON()', async () => {
    const status = t.ledger.status('nightly-import')
    await status.update({ status: 'working', total: 40, progress: 10, step: 'load', rows: [1, 2] })
    const { code, stdout } = await cli('status', 'nightly-import', '--json')
    expect(code).toBe(0)
    const snap = await t.ledger.getStatus('nightly-import')
    expect(JSON.parse(stdout)).toEqual(JSON.parse(JSON.stringify(snap?.toJSON())))
    expect(JSON.parse(stdout)).toEqual({
      status: 'working',
      progress: 10,
      total: 40,
      step: 'load',
      rows: [1, 2],
    })
  })

  it('status and ls show a status with its progress and fields', async () => {
    await t.ledger
      .status('nightly-import')
      .update({ status: 'working', total: 4, progress: 1, step: 'A' })
    const shown = await cli('status', 'nightly-import', '--kind', 'status')
    expect(shown.code).toBe(0)
    expect(shown.stdout).toMatch(/^state +working$/m)
    expect(shown.stdout).toMatch(/^progress +1\/4 \(25%\)$/m)
    expect(shown.stdout).toMatch(/^step +"A"$/m)
    const listed = await cli('ls', '--kind', 'status')
    expect(
      linesOf(listed.stdout)
        .slice(1)
        .map((row) => row.split(/\s{2,}/).slice(0, 3)),
    ).toEqual([['nightly-import', 'working', '1/4 (25%)']])
  })

  it('status shows the unit a status reports on', async () => {
    const subject = { kind: 'queue-item' as const, queue: 'imports', id: '7' }
    await t.ledger.status('imports:7', { subject }).update({ status: 'working' })
    const shown = await cli('status', 'imports:7', '--kind', 'status')
    expect(shown.stdout).toMatch(/^reports on +queue item imports \/ 7$/m)
    await t.ledger.status('plain').update({ status: 'working' })
    expect((await cli('status', 'plain', '--kind', 'status')).stdout).not.toContain('reports on')
  })

  it('watch on a status exits 0 once it completes', async () => {
    const status = t.ledger.status('nightly-import')
    await status.update({ status: 'working', total: 2, progress: 0 })
    const watcher = startCli(
      ['watch', 'nightly-import', '--interval', '20', '--prefix', t.ns.prefix],
      {
        JOBLEDGER_REDIS_URL: t.ns.url,
      },
    )
    expect(await watcher.firstLine).toMatch(/^status nightly-import: 0\/2 \(0%\) working/)
    await status.progress.set(2)
    await status.update({ status: 'completed' })
    const { code, stdout } = await watcher.result
    expect(code).toBe(0)
    expect(stdout).toContain('status nightly-import finished: succeeded')
  })

  it('watch on a status exits 1 once it fails', async () => {
    const status = t.ledger.status('nightly-import')
    await status.update({ status: 'working' })
    const watcher = startCli(
      ['watch', 'nightly-import', '--kind', 'status', '--interval', '20', '--prefix', t.ns.prefix],
      {
        JOBLEDGER_REDIS_URL: t.ns.url,
      },
    )
    await watcher.firstLine
    await status.update({ status: 'failed', error: 'disk full' })
    const { code, stdout } = await watcher.result
    expect(code).toBe(1)
    expect(stdout).toContain('status nightly-import finished: failed')
  })

  it('status --kind group shows the stages; --json is the listing summary', async () => {
    const dispatched: StagedJobPayload[] = []
    const staged = t.ns.ledger({
      dispatch: (payload: StagedJobPayload) => void dispatched.push(payload),
    })
    const group = await staged.withinGrouping('nightly', async (g) => {
      await g.stage(1).enqueue('Import', ['a.csv'])
      await g.stage(2).enqueue('Summarize', [])
    })
    const shown = await cli('status', group.id, '--kind', 'group')
    expect(shown.code).toBe(0)
    expect(shown.stdout).toMatch(/^state +stage 1 running$/m)
    expect(shown.stdout).toMatch(/^1 +running +1 +0 +0 +1$/m)
    expect(shown.stdout).toMatch(/^2 +pending +1 +0 +0 +1$/m)
    const json = await cli('status', group.id, '--json')
    const { items } = await t.ledger.list({ kind: 'group' })
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(JSON.stringify(items[0]?.summary)))
    const listed = await cli('ls', '--kind', 'group')
    expect(listed.stdout).toMatch(new RegExp(`^${group.id} +stage 1 running +0/2 \\(0%\\)`, 'm'))
  })

  it('status --kind queue shows counts and failed items; retry puts one back', async () => {
    const queue = t.ledger.queue('imports')
    const id = await queue.createAndPush({ file: 'a.csv' })
    await queue.createAndPush({ file: 'b.csv' })
    await (await queue.popAndStart())?.fail(new Error('bad header'))
    const shown = await cli('status', 'imports', '--kind', 'queue')
    expect(shown.code).toBe(0)
    expect(shown.stdout).toMatch(/^waiting +1$/m)
    expect(shown.stdout).toMatch(/^failed +1$/m)
    expect(shown.stdout).toContain('bad header')
    const retried = await cli('retry', 'imports', id)
    expect(retried.code).toBe(0)
    expect(retried.stdout).toContain(`Item ${id} of queue imports is waiting again`)
    expect(await queue.counts()).toEqual({ waiting: 2, running: 0, finished: 0, failed: 0 })
    const again = await cli('retry', 'imports', id)
    expect(again.code).toBe(1)
    expect(linesOf(again.stderr)).toHaveLength(1)
    const unknown = await cli('retry', 'imports', '999')
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('has no item 999')
  })

  it('cleanup re-dispatches staged jobs whose dispatch failed, onto --queue', async () => {
    const failing = t.ns.ledger({
      dispatch: () => {
        throw new Error('queue down')
      },
    })
    await expect(
      failing.withinGrouping('nightly', (g) => g.stage(1).enqueue('Import', ['a.csv'])),
    ).rejects.toThrow(/dispatch failed/)
    const withoutQueue = await cli('cleanup', '--older-than', '0')
    expect(withoutQueue.code).toBe(2)
    expect(linesOf(withoutQueue.stderr)).toHaveLength(1)
    expect(withoutQueue.stderr).toContain('pass --queue NAME')
    const cleaned = await cli('cleanup', '--older-than', '0', '--queue', 'repairs', '--json')
    expect(cleaned.code).toBe(0)
    expect(JSON.parse(cleaned.stdout)).toEqual({
      removed: 0,
      redispatched: 1,
      initiated: 0,
      callbacks: 0,
    })
    const item = await t.ledger.queue<StagedJobPayload>('repairs').popAndStart({ timeoutMs: 1 })
    expect(item?.data).toMatchObject({ name: 'Import', args: ['a.csv'], stage: 1 })
    const nothing = await cli('cleanup', '--older-than', '0', '--queue', 'repairs')
    expect(nothing.stdout).toContain('0 staged job(s) re-dispatched')
  })
})

describe('jobledger dashboard', () => {
  it('serves on a free loopback port until SIGINT, then closes and exits 130', async () => {
    const served = startCli(['dashboard', '--port', '0'])
    const first = await served.firstLine
    const url = /^Dashboard on (http:\/\/127\.0\.0\.1:\d+\/) /.exec(first)?.[1]
    expect(url).toBeDefined()
    const response = await fetch(`${url}api/units?kind=job`)
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ items: [] })
    served.child.kill('SIGINT')
    const { code, stdout } = await served.result
    expect(code).toBe(130)
    expect(stdout).toContain('Dashboard stopped.')
  })

  it('answers only loopback Hosts, plus those named by --allowed-host', async () => {
    const served = startCli(['dashboard', '--port', '0', '--allowed-host', 'proxy.test'])
    const url = new URL(/^Dashboard on (\S+) /.exec(await served.firstLine)?.[1] ?? '')
    const statusFor = (host: string) =>
      new Promise<number | undefined>((resolve, reject) => {
        get(
          { hostname: '127.0.0.1', port: url.port, path: '/api/units?kind=job', headers: { host } },
          (res) => {
            res.resume()
            resolve(res.statusCode)
          },
        ).on('error', reject)
      })
    expect(await statusFor('proxy.test')).toBe(200)
    expect(await statusFor(`127.0.0.1:${url.port}`)).toBe(200)
    expect(await statusFor('evil.test')).toBe(403)
    served.child.kill('SIGINT')
    expect((await served.result).code).toBe(130)
  })

  it('refuses a non-loopback host without --auth-token: one line, exit 2', async () => {
    const { code, stdout, stderr } = await runCli(['dashboard', '--host', '0.0.0.0', '--port', '0'])
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(linesOf(stderr)).toEqual([
      'jobledger: Refusing to serve the dashboard on 0.0.0.0 without authentication: pass --auth-token T (or JOBLEDGER_DASHBOARD_TOKEN), or use --host 127.0.0.1.',
    ])
  })

  it('exits 2 for a port out of range', async () => {
    const { code, stderr } = await runCli(['dashboard', '--port', '70000'])
    expect(code).toBe(2)
    expect(stderr).toContain('expected a port from 0 to 65535')
  })
})
