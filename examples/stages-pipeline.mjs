// Recipe: a pipeline of stages on BullMQ. Stage 2 starts only when every job of stage 1 is over,
// retries included; onComplete runs once, after the last stage. Run: REDIS_URL=redis://… node stages-pipeline.mjs
import { Queue, Worker } from 'bullmq'
import { Redis } from 'ioredis'
import { createLedger } from 'jobledger'
import { bullmqDispatch, stagedJobProcessor } from 'jobledger/bullmq'

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const prefix = process.env.PREFIX ?? 'recipe-stages'
const connection = new Redis(url, { maxRetriesPerRequest: null })
const queue = new Queue('pipeline', { connection, prefix })

let complete
const completed = new Promise((resolve) => {
  complete = resolve
})
const ledger = createLedger({
  redis: url,
  prefix,
  dispatch: bullmqDispatch(queue, { attempts: 2 }),
  onComplete: (summary) => complete(summary),
})

const order = []
const worker = new Worker(
  'pipeline',
  async (bullJob) =>
    stagedJobProcessor(ledger, async ([file], staged) => {
      order.push(`${bullJob.data.stage}:${staged.name}`)
      if (file === 'b.csv' && bullJob.attemptsMade === 0) throw new Error('transient')
    })(bullJob),
  { connection, prefix, concurrency: 4 },
)

await ledger.withinGrouping('nightly import', async (group) => {
  for (const file of ['a.csv', 'b.csv', 'c.csv']) await group.stage(1).enqueue('Extract', [file])
  await group.stage(2).enqueue('Transform', [])
  await group.stage(3).enqueue('Report', [])
})
const summary = await completed
console.log(JSON.stringify({ counts: summary.counts, order }))
await worker.close()
await ledger.cleaner.purgeAll()
await queue.obliterate({ force: true })
await Promise.all([queue.close(), ledger.close()])
await connection.quit()
