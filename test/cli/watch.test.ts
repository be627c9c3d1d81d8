// Edge test: runs the built `jobledger watch` as a child process against the test Redis and
// settles the watched job from the test, checking the exit code the watcher ends with.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Job } from '../../src/index.js'
import { redisNamespace } from '../support/redis-namespace.js'
import { startCli } from '../support/run-cli.js'

describe('jobledger watch on Redis', () => {
  let ns: Awaited<ReturnType<typeof redisNamespace>>

  beforeEach(async () => {
    ns = await redisNamespace()
  })
  afterEach(async () => ns.close())

  async function threePartJob(token: string): Promise<Job> {
    const job = ns.ledger().job(token)
    await job.pushEach(['a', 'b', 'c'], () => {})
    return job
  }

  function watch(token: string) {
    return startCli(['watch', token, '--interval', '20', '--prefix', ns.prefix], {
      JOBLEDGER_REDIS_URL: ns.url,
    })
  }

  it('follows the progress and exits 0 when the job succeeds', async () => {
    const job = await threePartJob('nightly')
    const watcher = watch('nightly')
    expect(await watcher.firstLine).toBe('job nightly: 0/3 (0%) closed, 0 ok, 0 failed, 3 open')
    for (const part of ['0', '1', '2']) await job.done(part)
    const { code, stdout } = await watcher.result
    expect(code).toBe(0)
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(
      /^job nightly finished: succeeded \(3 ok, 0 failed, 0 open; watched .+\)\.$/,
    )
  })

  it('exits 1 when the job finishes with a failed part', async () => {
    const job = await threePartJob('nightly')
    const watcher = watch('nightly')
    await watcher.firstLine
    await job.done('0')
    await job.fail('1', 'disk full')
    await job.done('2')
    const { code, stdout } = await watcher.result
    expect(code).toBe(1)
    expect(stdout).toContain('job nightly finished: failed (2 ok, 1 failed, 0 open;')
  })

  it('exits 1 when the job is stopped', async () => {
    const job = await threePartJob('nightly')
    const watcher = watch('nightly')
    await watcher.firstLine
    await job.stop({ reason: 'operator' })
    const { code, stdout } = await watcher.result
    expect(code).toBe(1)
    expect(stdout).toContain('job nightly was stopped')
  })

  it('exits 0 at once for a job that already succeeded', async () => {
    const job = await threePartJob('nightly')
    for (const part of ['0', '1', '2']) await job.done(part)
    const { code, stdout } = await watch('nightly').result
    expect(code).toBe(0)
    expect(stdout).toContain('job nightly finished: succeeded')
  })

  it('exits 1 with one line for an unknown id', async () => {
    const { code, stderr } = await watch('never-made').result
    expect(code).toBe(1)
    expect(stderr.trim().split('\n')).toHaveLength(1)
    expect(stderr).toContain('No unit "never-made" (job, status, group or queue)')
  })
})
