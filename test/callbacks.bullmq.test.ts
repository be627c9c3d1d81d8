// Store-only: BullMQ runs on Redis only. A durable callback dispatched through
// bullmqDispatch reaches a real BullMQ queue once, even when recovery dispatches it again.
import { Queue } from 'bullmq'
import { Redis } from 'ioredis'
import { afterEach, describe, expect, it } from 'vitest'
import { bullmqDispatch, bullmqJobId } from '../src/adapters/bullmq/index.js'
import { type CallbackPayload, createLedger, type StagedJobPayload } from '../src/index.js'
import { deletePrefix, testRedisUrl } from './support/redis-namespace.js'

describe('durable callbacks through bullmqDispatch', () => {
  const closers: (() => Promise<unknown>)[] = []
  afterEach(async () => {
    for (const close of closers.reverse()) await close()
    closers.length = 0
  })

  it('adds the callback with its idempotency key as jobId, so a re-dispatch adds nothing', async () => {
    const url = testRedisUrl()
    const prefix = `bullcb${Date.now().toString(36)}`
    const connection = new Redis(url, { maxRetriesPerRequest: null })
    const queue = new Queue<StagedJobPayload | CallbackPayload>('callbacks', { connection, prefix })
    closers.push(
      () => deletePrefix(url, prefix),
      () => connection.quit(),
      () => queue.close(),
    )
    let failing = true
    const dispatch = bullmqDispatch(queue, { attempts: 2 })
    const worker = createLedger({
      redis: url,
      prefix,
      dispatch: async (payload) => {
        await dispatch(payload)
        if (failing) throw new Error('died before confirming')
      },
    })
    closers.push(() => worker.close())
    const job = worker.job('nightly:2024')
    await job.push('0')
    await job.close()
    await job.on('settled', { name: 'import-summary', args: ['nightly:2024'] })
    expect(await job.done('0')).toBe(true)
    failing = false
    expect((await worker.cleaner.cleanupOrphans({ olderThanMs: 0 })).callbacks).toBe(1)
    const jobs = await queue.getJobs(['waiting'])
    expect(jobs).toHaveLength(1)
    const [added] = jobs
    expect(added?.id).toBe(bullmqJobId('job:nightly:2024:|settled:import-summary'))
    expect(added?.id).toBe('job%3Anightly%3A2024%3A|settled%3Aimport-summary')
    expect(added?.name).toBe('import-summary')
    expect(added?.opts.attempts).toBe(2)
    expect(added?.data).toMatchObject({ type: 'callback', kind: 'job', args: ['nightly:2024'] })
  })
})
