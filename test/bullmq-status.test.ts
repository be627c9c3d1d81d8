// Store-only: BullMQ runs on Redis only. statusProcessor with a real BullMQ Worker: a job's
// attempts, progress and outcome become a jobledger status that getStatus (and so the
// dashboard and GET /api/statuses/:id) shows.
import { randomBytes } from 'node:crypto'
import { Queue, Worker } from 'bullmq'
import { Redis } from 'ioredis'
import { afterEach, describe, expect, it } from 'vitest'
import { statusProcessor } from '../src/adapters/bullmq/index.js'
import { createLedger } from '../src/index.js'
import { eventually } from '../src/testing/index.js'
import { deletePrefix, testRedisUrl } from './support/redis-namespace.js'

const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

interface ReportData {
  fail: number
  hold?: boolean
}

describe('statusProcessor with a BullMQ worker', () => {
  it('mirrors attempts, throttled progress and the outcome of each job into a status', async () => {
    const url = testRedisUrl()
    const prefix = `bs${randomBytes(4).toString('hex')}`
    const ledger = createLedger({ redis: url, prefix })
    const connection = new Redis(url, { maxRetriesPerRequest: null })
    const queue = new Queue<ReportData>('reports', { connection, prefix })
    let release = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    const worker = new Worker<ReportData>(
      'reports',
      statusProcessor(ledger, async (job) => {
        await job.updateProgress(40)
        if (job.data.hold) await held
        if (job.attemptsMade < job.data.fail) throw new Error(`boom ${job.attemptsMade}`)
        await job.updateProgress(100)
        return 'ok'
      }),
      { connection, prefix, concurrency: 4 },
    )
    cleanups.push(
      () => deletePrefix(url, prefix),
      () => connection.quit(),
      () => ledger.close(),
      () => queue.close(),
      () => worker.close(),
      async () => release(),
    )
    const plain = await queue.add('report', { fail: 0, hold: true })
    const retried = await queue.add('report', { fail: 1 }, { attempts: 2 })
    const failing = await queue.add('report', { fail: 5 }, { attempts: 2 })
    const status = (id: string | undefined) => ledger.getStatus(`reports:${id}`)

    await eventually(async () => (await status(plain.id))?.progress === 40, 'progress 40 shows')
    expect((await status(plain.id))?.toJSON()).toMatchObject({
      status: 'working',
      total: 100,
      name: 'report',
      queue: 'reports',
      attempt: 1,
      attempts: 1,
    })
    release()
    await eventually(async () => (await status(plain.id))?.isCompleted === true, 'completed')
    await eventually(async () => (await status(retried.id))?.isCompleted === true, 'retried')
    await eventually(async () => (await status(failing.id))?.isFailed === true, 'failed')

    expect((await status(plain.id))?.toJSON()).toMatchObject({ progress: 100, total: 100 })
    expect((await status(retried.id))?.toJSON()).toMatchObject({
      attempt: 2,
      attempts: 2,
      lastError: { message: 'boom 0' },
    })
    expect((await status(failing.id))?.toJSON()).toMatchObject({
      status: 'failed',
      attempt: 2,
      error: { name: 'Error', message: 'boom 1' },
    })
  })
})
