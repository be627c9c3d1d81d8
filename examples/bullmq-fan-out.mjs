// Recipe: a BullMQ fan-out tracked by jobledger, with a completion answer.
// One BullMQ job per file; the worker whose job settles the last file hears it (onLast) and
// queues the report, exactly once, whatever the retries. Run: REDIS_URL=redis://… node bullmq-fan-out.mjs
import { Queue, Worker } from 'bullmq'
import { Redis } from 'ioredis'
import { createLedger } from 'jobledger'
import { fanOut, trackedProcessor } from 'jobledger/bullmq'

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const prefix = process.env.PREFIX ?? 'recipe-fan-out'
const connection = new Redis(url, { maxRetriesPerRequest: null })
const ledger = createLedger({ redis: url, prefix })
const imports = new Queue('imports', { connection, prefix })
const reports = new Queue('reports', { connection, prefix })

// The worker: done(part) on success, fail(part) after BullMQ's last attempt, nothing in between.
const importer = new Worker(
  'imports',
  trackedProcessor(
    ledger,
    async (file, { bullJob }) => {
      if (file.endsWith('7.csv') && bullJob.attemptsMade === 0) throw new Error('flaky disk')
      if (file === 'broken.csv') throw new Error('not a CSV file')
      return { rows: file.length }
    },
    // The completion answer: true for exactly one attempt. A jobId makes the add idempotent.
    { onLast: ({ token }) => reports.add('report', { token }, { jobId: `report-${token}` }) },
  ),
  { connection, prefix, concurrency: 8 },
)

const done = new Promise((resolve) => {
  const reporter = new Worker(
    'reports',
    async (job) => resolve({ reporter, summary: await ledger.job(job.data.token).summary() }),
    { connection, prefix },
  )
})

// The producer: parts and BullMQ jobs in addBulk chunks; closed before the last chunk.
const files = [...Array.from({ length: 99 }, (_, i) => `file-${i}.csv`), 'broken.csv']
const job = await fanOut(ledger, imports, files, { name: 'import', attempts: 3 })

const { reporter, summary } = await done
console.log(JSON.stringify({ token: job.token, ...summary }))
await Promise.all([importer.close(), reporter.close()])
await ledger.cleaner.purgeAll()
await Promise.all([imports.obliterate({ force: true }), reports.obliterate({ force: true })])
await Promise.all([imports.close(), reports.close(), ledger.close()])
await connection.quit()
