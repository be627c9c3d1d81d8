// Edge test: each defect a user met in the `jobledger` command, reproduced with the built
// binary as a child process against the test Redis (pipes for stdio, as in scripts and CI).
import { execFile } from 'node:child_process'
import { createServer, type Server } from 'node:net'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { useCliNamespace } from '../support/cli-namespace.js'
import { CLI_PATH, linesOf, runCli, startCli } from '../support/run-cli.js'

// biome-ignore lint/suspicious/noControlCharactersInRegex: none may reach the terminal
const ESC_OR_BEL = /[\x07\x1b]/

describe('jobledger, defects found in use', () => {
  const t = useCliNamespace()
  const { cli } = t

  it('status piped into head -2 exits quietly instead of dying on EPIPE', async () => {
    const job = t.ledger.job('long')
    await job.pushEach(
      Array.from({ length: 20 }, (_, i) => i),
      () => {},
    )
    for (let part = 0; part < 20; part++) await job.fail(part, `${part}: ${'x'.repeat(4000)}`)
    const script = `set -o pipefail; "$NODE" "$CLI" status long --prefix "$PREFIX" | head -2`
    const { stdout, stderr } = await promisify(execFile)('bash', ['-c', script], {
      env: {
        ...process.env,
        NODE: process.execPath,
        CLI: CLI_PATH,
        PREFIX: t.ns.prefix,
        JOBLEDGER_REDIS_URL: t.ns.url,
      },
    })
    expect(linesOf(stdout)).toEqual(['job          long', 'state        finished'])
    expect(stderr).toBe('')
  })

  it('status shows escape sequences in a failure reason escaped, not raw', async () => {
    const job = t.ledger.job('hostile')
    await job.push('0')
    await job.fail('0', 'bad\x1b]0;pwned\x07 \x1b[2J')
    await job.stop({ reason: 'ops\x1b[31m' })
    const { code, stdout } = await cli('status', 'hostile')
    expect(code).toBe(0)
    expect(stdout).not.toMatch(ESC_OR_BEL)
    expect(stdout).toContain('bad\\u001b]0;pwned\\u0007 \\u001b[2J')
    expect(stdout).toMatch(/^stop reason\s+ops\\u001b\[31m$/m)
  })

  it('status keeps CJK, emoji and multi-line reasons inside the reason column', async () => {
    const job = t.ledger.job('wide')
    await job.pushEach(['a', 'b', 'c'], () => {})
    await job.fail('0', '行 3 の日付が不正です 😀')
    await job.fail('1', 'first line\nsecond line')
    await job.fail('2', 'plain')
    const { stdout } = await cli('status', 'wide')
    const table = stdout.slice(stdout.indexOf('PART'))
    expect(linesOf(table)).toEqual([
      'PART  REASON',
      '0     行 3 の日付が不正です 😀',
      '1     first line',
      '      second line',
      '2     plain',
    ])
  })

  it('status of a job with batches shows its item counts and first errored items', async () => {
    const job = t.ledger.job('batched')
    const { index } = await job.addBatch(['17', '18', '19'])
    await job.close()
    await t.ledger.tracker({ job: 'batched', batch: index }).eachRecord(async (id) => {
      if (id === '18') return 'skipped'
      if (id === '19') throw new TypeError('no price')
      return undefined
    })
    const { code, stdout } = await cli('status', 'batched')
    expect(code).toBe(0)
    expect(stdout).toMatch(/^items\s+3: 1 processed, 1 skipped, 1 errored, 0 missing$/m)
    expect(stdout).toMatch(/^batches\s+1\/1 done$/m)
    expect(stdout).toContain('errored items (1)')
    expect(stdout).toMatch(/^0\s+19\s+TypeError: no price$/m)
  })

  it('stop on a finished job says so and raises no flag', async () => {
    const job = t.ledger.job('over')
    await job.push('0')
    await job.close()
    await job.done('0')
    const { code, stdout } = await cli('stop', 'over', '--reason', 'late')
    expect(code).toBe(0)
    expect(stdout.trim()).toBe('Job over already finished (succeeded); nothing to stop.')
    expect(await job.isStopped()).toBe(false)
  })

  it('stop on a stopped job says it already was, with the first reason kept', async () => {
    const job = t.ledger.job('halted')
    await job.push('0')
    await job.stop({ reason: 'first' })
    const { code, stdout } = await cli('stop', 'halted', '--reason', 'second')
    expect(code).toBe(0)
    expect(stdout.trim()).toBe('Job halted was already stopped (reason: first); nothing changed.')
    expect((await job.summary())?.stopReason).toBe('first')
  })

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 0],
  ] as const)('watch stops on %s, closing its ledger, and exits %i', async (signal, expected) => {
    await t.ledger.job('long-running').pushEach(['a'], () => {})
    const watcher = startCli(['watch', 'long-running', '--prefix', t.ns.prefix], {
      JOBLEDGER_REDIS_URL: t.ns.url,
    })
    await watcher.firstLine
    watcher.child.kill(signal)
    const { code, stderr } = await watcher.result
    expect(code).toBe(expected)
    expect(stderr).toContain('stopped watching job long-running; the unit itself keeps running.')
  })

  it('purge says what it would delete, counted per kind, before asking', async () => {
    await t.ledger.job('a').push('0')
    await t.ledger.job('b').push('0')
    await t.ledger.status('s').update({ step: 'x' })
    const queue = t.ledger.queue('q')
    await queue.createAndPush({})
    await queue.createAndPush({})
    const refused = await cli('purge')
    expect(refused.code).toBe(2)
    expect(linesOf(refused.stderr)).toEqual([
      `jobledger: Refusing to purge 2 jobs, 1 status, 0 groups and 1 queue (2 items) in ${t.ns.url} (prefix ${t.ns.prefix}) without confirmation: stdin is not a terminal; pass --yes to purge.`,
    ])
    const purged = await cli('purge', '--yes')
    expect(linesOf(purged.stdout)[0]).toBe(
      `Purging 2 jobs, 1 status, 0 groups and 1 queue (2 items) in ${t.ns.url} (prefix ${t.ns.prefix}).`,
    )
    expect((await t.ledger.list({ kind: 'job' })).items).toEqual([])
  })
})

describe('jobledger dashboard, defects found in use', () => {
  let busy: Server | null = null
  afterEach(async () => {
    await new Promise((resolve) => (busy ? busy.close(resolve) : resolve(undefined)))
    busy = null
  })

  it('says the port is in use instead of "unexpected error: EADDRINUSE"', async () => {
    busy = createServer()
    await new Promise<void>((resolve) => busy!.listen(0, '127.0.0.1', resolve))
    const port = (busy.address() as { port: number }).port
    const { code, stderr } = await runCli(['dashboard', '--port', String(port)])
    expect(code).toBe(1)
    expect(linesOf(stderr)).toEqual([
      `jobledger: Port ${port} on 127.0.0.1 is already in use; stop what listens there, or pick another port with --port (0 picks a free one).`,
    ])
  })

  it('on SIGTERM ends its live streams, closes and exits 0', async () => {
    const served = startCli(['dashboard', '--port', '0'])
    const url = /^Dashboard on (\S+) /.exec(await served.firstLine)?.[1]
    expect((await fetch(`${url}api/units?kind=job`)).status).toBe(200)
    const live = await fetch(`${url}api/live?key=overview:jobs`)
    expect(live.status).toBe(200)
    const stream = live.body!.getReader()
    await stream.read()
    served.child.kill('SIGTERM')
    let ended = false
    while (!ended) ended = (await stream.read().catch(() => ({ done: true }))).done
    const { code, stdout } = await served.result
    expect(code).toBe(0)
    expect(stdout).toContain('Dashboard stopped.')
  })
})
