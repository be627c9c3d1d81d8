// A BullMQ worker process for the end-to-end tests (test/bullmq-*.test.ts): it runs the built
// jobledger/bullmq processors against the test Redis, injects the failures the plan in each
// job's data asks for, and reports every "last" answer to the parent over IPC.
// argv[2] is JSON: { mode, redis, ledgerDriver, ledgerPrefix, bullPrefix, queue, concurrency,
//                    lockDuration, stalledInterval, maxStalledCount }
import { Worker } from 'bullmq'
import { Cluster, Redis } from 'ioredis'
import { createCluster } from 'redis'
import { batchProcessor, trackedProcessor } from '../../dist/adapters/bullmq/index.js'
import { createLedger } from '../../dist/index.js'

const config = JSON.parse(process.argv[2] ?? '{}')

function bullConnection() {
  if (config.redis.cluster) return new Cluster(config.redis.cluster, { redisOptions: {} })
  return new Redis(config.redis.url, { maxRetriesPerRequest: null })
}

function ledgerConnection() {
  if (!config.redis.cluster) return { redis: config.redis.url, redisDriver: config.ledgerDriver }
  if (config.ledgerDriver === 'node-redis') {
    const rootNodes = config.redis.cluster.map(({ host, port }) => ({
      url: `redis://${host}:${port}`,
    }))
    return { redis: createCluster({ rootNodes }) }
  }
  return { redis: new Cluster(config.redis.cluster) }
}

const connection = ledgerConnection()
const ledger = createLedger({ ...connection, prefix: config.ledgerPrefix })
const report = (message) => process.send?.(message)
const onLast = ({ token, part, outcome }) => report({ type: 'last', token, part, outcome })
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** Items `{ n, fail, workMs }` throw while fewer than `fail` attempts have failed. */
const tracked = trackedProcessor(
  ledger,
  async (item, { bullJob }) => {
    if (item.workMs) await pause(item.workMs)
    if (bullJob.attemptsMade < item.fail) throw new Error(`injected failure of item ${item.n}`)
    return item.n
  },
  { onLast },
)

/** Batches: ids divisible by 97 are errored; `loadFails` batches fail to load that many attempts. */
function batches(job) {
  const { loadFails = {} } = config
  const load = async (ids) => {
    if (job.attemptsMade < (loadFails[job.data.batch] ?? 0))
      throw new Error(`injected load failure of batch ${job.data.batch}`)
    return ids.map((id) => ({ id }))
  }
  return batchProcessor(
    ledger,
    async ({ id }) => {
      if (Number(id) % 97 === 0) throw new Error(`injected error of item ${id}`)
    },
    { load, onLast },
  )(job)
}

const bull = bullConnection()
const worker = new Worker(config.queue, config.mode === 'batches' ? batches : tracked, {
  connection: bull,
  prefix: config.bullPrefix,
  concurrency: config.concurrency ?? 4,
  lockDuration: config.lockDuration ?? 30_000,
  stalledInterval: config.stalledInterval ?? 30_000,
  maxStalledCount: config.maxStalledCount ?? 1,
  drainDelay: 1,
})
worker.on('error', (error) => report({ type: 'error', message: String(error?.message ?? error) }))
worker.on('active', () => report({ type: 'active' }))
worker.on('stalled', () => report({ type: 'stalled' }))
await worker.waitUntilReady()
report({ type: 'ready' })

process.on('message', async (message) => {
  if (message?.type !== 'close') return
  await worker.close()
  await ledger.close()
  if (typeof connection.redis !== 'string') await connection.redis.quit()
  await bull.quit()
  process.exit(0)
})
