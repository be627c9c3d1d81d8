// Recipe: stages on any queue through `dispatch` (pg-boss shown). jobledger hands each staged
// job to `dispatch` as plain JSON; your queue's worker opens it with ledger.stagedJob(payload)
// and runs it. With pg-boss:
//
//   import PgBoss from 'pg-boss'
//   const boss = new PgBoss(process.env.DATABASE_URL); await boss.start()
//   await boss.createQueue('pipeline')
//
// This file runs without PostgreSQL: `boss` below is an in-process STAND-IN with the same three
// calls (createQueue, send, work), so the recipe can run anywhere. Swap in the two lines above.
import { createLedger } from 'jobledger'

/** STAND-IN for pg-boss: an in-process queue with pg-boss's createQueue/send/work shape. */
function inProcessBoss() {
  const handlers = new Map()
  const seen = new Set()
  return {
    createQueue: async (name) => void handlers.set(name, handlers.get(name) ?? null),
    send: async (name, data, options = {}) => {
      if (options.singletonKey && seen.has(options.singletonKey)) return null
      if (options.singletonKey) seen.add(options.singletonKey)
      const id = String(seen.size)
      setImmediate(() => handlers.get(name)?.([{ id, name, data }]))
      return id
    },
    work: async (name, handler) => void handlers.set(name, handler),
  }
}

const boss = inProcessBoss()
await boss.createQueue('pipeline')

let complete
const completed = new Promise((resolve) => {
  complete = resolve
})
const ledger = createLedger({
  ...(process.env.REDIS_URL ? { redis: process.env.REDIS_URL, prefix: process.env.PREFIX } : {}),
  // singletonKey: a re-dispatch of the same staged job (cleanupOrphans) is not queued twice.
  dispatch: (payload) => boss.send('pipeline', payload, { singletonKey: payload.stagedJobId }),
  onComplete: (summary) => complete(summary),
})

const ran = []
await boss.work('pipeline', async ([job]) => {
  const staged = await ledger.stagedJob(job.data)
  await staged.run(async (...args) => ran.push(`${staged.name}(${args.join(',')})`))
})

await ledger.withinGrouping('monthly invoices', async (group) => {
  for (const customer of ['acme', 'globex']) await group.stage(1).enqueue('Invoice', [customer])
  await group.stage(2).enqueue('SendAll', [])
})
const summary = await completed
console.log(JSON.stringify({ counts: summary.counts, ran }))
if (process.env.REDIS_URL) await ledger.cleaner.purgeAll()
await ledger.close()
