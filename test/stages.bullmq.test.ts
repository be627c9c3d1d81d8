// Store-only: BullMQ runs on Redis only, so this end-to-end run of the dispatch contract
// with real BullMQ workers (through the jobledger/bullmq adapter) cannot be part of the
// shared conformance suite.
import { Queue, Worker } from 'bullmq'
import { Redis } from 'ioredis'
import { afterEach, describe, expect, it } from 'vitest'
import { bullmqDispatch, stagedJobProcessor } from '../src/adapters/bullmq/index.js'
import {
  createLedger,
  type GroupSummary,
  type Ledger,
  type StagedJobPayload,
} from '../src/index.js'
import { deletePrefix, testRedisUrl } from './support/redis-namespace.js'

describe('stages with BullMQ workers', () => {
  const closers: (() => Promise<unknown>)[] = []
  afterEach(async () => {
    for (const close of closers.reverse()) await close()
    closers.length = 0
  })

  it('runs a 3-stage pipeline where stage 2 waits for a job retried by BullMQ', async () => {
    const url = testRedisUrl()
    const prefix = `bull${Date.now().toString(36)}`
    const connection = new Redis(url, { maxRetriesPerRequest: null })
    const queue = new Queue<StagedJobPayload>('pipeline', { connection, prefix })
    closers.push(
      () => deletePrefix(url, prefix),
      () => connection.quit(),
      () => queue.close(),
    )
    let finish: (summary: GroupSummary) => void = () => {}
    const completed = new Promise<GroupSummary>((resolve) => {
      finish = resolve
    })
    const options = {
      redis: url,
      prefix,
      dispatch: bullmqDispatch(queue, { attempts: 2 }),
      onComplete: (summary: GroupSummary) => finish(summary),
    }
    const producer = createLedger(options)
    const workerLedger: Ledger = createLedger(options)
    closers.push(
      () => producer.close(),
      () => workerLedger.close(),
    )

    const workerConnection = new Redis(url, { maxRetriesPerRequest: null })
    closers.push(() => workerConnection.quit())
    const log: string[] = []
    const worker = new Worker<StagedJobPayload>(
      'pipeline',
      async (job) => {
        const attempt = job.attemptsMade
        await stagedJobProcessor(workerLedger, async (args, staged) => {
          log.push(`start ${job.data.stage}:${staged.name}:${String(args[0])}#${attempt}`)
          if (staged.name === 'Flaky' && attempt === 0) throw new Error('transient')
          log.push(`done ${job.data.stage}:${staged.name}`)
        })(job)
      },
      { connection: workerConnection, prefix, concurrency: 4 },
    )
    closers.push(() => worker.close())

    const group = await producer.withinGrouping('etl', async (g) => {
      await g.stage(1).enqueue('Extract', ['a'])
      await g.stage(1).enqueue('Flaky', ['b'])
      await g.stage(1).enqueue('Extract', ['c'])
      await g.stage(2).enqueue('Transform', ['x'])
      await g.stage(2).enqueue('Transform', ['y'])
      await g.stage(3).enqueue('Load', ['z'])
    })
    const summary = await completed
    expect(summary).toMatchObject({
      id: group.id,
      counts: { successful: 6, failed: 0, pending_re_run: 0 },
    })
    const index = (entry: string) => log.indexOf(entry)
    const stage2Start = Math.min(...log.flatMap((e, i) => (e.startsWith('start 2:') ? [i] : [])))
    const stage3Start = log.findIndex((e) => e.startsWith('start 3:'))
    expect(log.filter((e) => e.startsWith('start 1:Flaky'))).toEqual([
      'start 1:Flaky:b#0',
      'start 1:Flaky:b#1',
    ])
    expect(index('done 1:Flaky')).toBeLessThan(stage2Start)
    expect(log.filter((e) => e.startsWith('done 2:'))).toHaveLength(2)
    expect(Math.max(...log.flatMap((e, i) => (e.startsWith('done 2:') ? [i] : [])))).toBeLessThan(
      stage3Start,
    )
    await expect(producer.group(group.id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})
