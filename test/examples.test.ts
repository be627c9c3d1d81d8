// The recipes of docs/RECIPES.md, each run from its file in examples/ as a user would run it:
// `node examples/<name>.mjs`, importing the package by name (Node resolves `jobledger` to this
// package's own exports, i.e. the dist/ the test setup built), against the test Redis.
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { testRedisUrl } from './support/redis-namespace.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** Runs an example to its end and returns the JSON of its last line. */
async function run(name: string, redis = true): Promise<Record<string, unknown>> {
  const env: NodeJS.ProcessEnv = { ...process.env, PREFIX: `ex${randomBytes(4).toString('hex')}` }
  if (redis) env.REDIS_URL = testRedisUrl()
  else delete env.REDIS_URL
  const { stdout } = await promisify(execFile)(process.execPath, [`examples/${name}.mjs`], {
    cwd: ROOT,
    env,
    timeout: 50_000,
  })
  const last = stdout.trim().split('\n').at(-1) ?? ''
  return JSON.parse(last) as Record<string, unknown>
}

describe('recipes (docs/RECIPES.md)', () => {
  it('BullMQ fan-out: one report for 100 files, one of them failing for good', async () => {
    expect(await run('bullmq-fan-out')).toMatchObject({
      state: 'finished',
      total: 100,
      succeeded: 99,
      failed: 1,
      open: 0,
    })
  })

  it('per-item import with batches: every outcome counted once', async () => {
    expect(await run('batches-import')).toMatchObject({
      items: 3000,
      processed: 2931,
      skipped: 30,
      errored: 29,
      missing: 10,
      batches: 6,
      batchesDone: 6,
      finished: true,
    })
  })

  it('a pipeline of stages on BullMQ: stage 2 after every stage 1 job, retry included', async () => {
    const { counts, order } = (await run('stages-pipeline')) as {
      counts: Record<string, number>
      order: string[]
    }
    expect(counts).toMatchObject({ successful: 5, failed: 0 })
    expect(order.slice(0, 4).every((step) => step.startsWith('1:'))).toBe(true)
    expect(order.slice(4)).toEqual(['2:Transform', '3:Report'])
  })

  it('progress in a web page through GET /api/statuses/:id', async () => {
    const { midway, final, pagePolls } = (await run('progress-web', false)) as {
      midway: { status: string; progress: number; total: number }
      final: Record<string, unknown>
      pagePolls: boolean
    }
    expect(midway).toMatchObject({ status: 'working', total: 50, step: 'exporting' })
    expect(midway.progress).toBeGreaterThanOrEqual(0)
    expect(midway.progress).toBeLessThan(50)
    expect(final).toEqual({ status: 'completed', progress: 50, total: 50, step: 'exporting' })
    expect(pagePolls).toBe(true)
  })

  it('stages on any queue through dispatch (an in-process stand-in for pg-boss)', async () => {
    expect(await run('any-queue-dispatch')).toEqual({
      counts: expect.objectContaining({ successful: 3, failed: 0 }),
      ran: ['Invoice(acme)', 'Invoice(globex)', 'SendAll()'],
    })
  })
})
