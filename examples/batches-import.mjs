// Recipe: a per-item import in batches. One BullMQ job per batch of 500 ids; a tracker per job
// loads the batch's records in one call and writes every outcome (processed, skipped, errored,
// missing) in one step at the end. Run: REDIS_URL=redis://… node batches-import.mjs
import { Queue, Worker } from 'bullmq'
import { Redis } from 'ioredis'
import { createLedger } from 'jobledger'
import { batchProcessor, fanOutBatches } from 'jobledger/bullmq'

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const prefix = process.env.PREFIX ?? 'recipe-batches'
const connection = new Redis(url, { maxRetriesPerRequest: null })
const ledger = createLedger({ redis: url, prefix })
const queue = new Queue('widgets', { connection, prefix })

// A stand-in for your database: widget 13 of each hundred is already imported, 99 is bad,
// and ids above 2990 were deleted since the import was planned (they come back "missing").
const db = {
  findMany: async (ids) =>
    ids
      .filter((id) => Number(id) <= 2990)
      .map((id) => ({ id: Number(id), imported: id % 100 === 13 })),
}

let finish
const finished = new Promise((resolve) => {
  finish = resolve
})
const worker = new Worker(
  'widgets',
  batchProcessor(
    ledger,
    async (widget) => {
      if (widget.imported) return 'skipped'
      if (widget.id % 100 === 99) throw new Error(`widget ${widget.id} has no name`)
    },
    { load: (ids) => db.findMany(ids), idOf: (widget) => widget.id, onLast: finish },
  ),
  { connection, prefix, concurrency: 4 },
)

const ids = Array.from({ length: 3000 }, (_, i) => i + 1)
const job = await fanOutBatches(ledger, queue, ids, { name: 'import', size: 500, attempts: 3 })
await finished
const errored = await job.outcomes('errored', { limit: 3 })
console.log(JSON.stringify({ ...(await job.report()), firstErrors: errored.entries }))
await worker.close()
await ledger.cleaner.purgeAll()
await queue.obliterate({ force: true })
await Promise.all([queue.close(), ledger.close()])
await connection.quit()
