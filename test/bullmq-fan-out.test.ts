// Store-only: BullMQ runs on Redis only, so these end-to-end runs of jobledger/bullmq with real
// BullMQ workers in separate processes (test/support/bullmq-worker.mjs on the built library)
// cannot be part of the shared conformance suite. Each runs on the single server and on the
// 3-master cluster (BullMQ's `{prefix}` hash tag there). JOBLEDGER_BULLMQ_ITEMS sets the size
// of the large runs (default 10,000).
import { randomBytes } from 'node:crypto'
import { Queue } from 'bullmq'
import { Cluster, Redis } from 'ioredis'
import { afterEach, describe, expect, inject, it } from 'vitest'
import { fanOut, fanOutBatches } from '../src/adapters/bullmq/index.js'
import { createLedger, type Job, type Ledger } from '../src/index.js'
import { eventually } from '../src/testing/index.js'
import { type WorkerConfig, WorkerFleet } from './support/bullmq-fleet.js'
import { testRedisUrl } from './support/redis-namespace.js'

const ITEMS = Number(process.env.JOBLEDGER_BULLMQ_ITEMS ?? 10_000)
const RUN_MS = 240_000

/** Failed attempts injected into item n: 3 (of 3 attempts) fails it for good. */
function failuresOf(n: number): number {
  if (n % 50 === 7) return 3
  if (n % 33 === 5) return 2
  if (n % 20 === 3) return 1
  return 0
}

interface Target {
  name: string
  connect(): Redis | Cluster
  redis(): WorkerConfig['redis']
  bullPrefix(): string
}

const single: Target = {
  name: 'single server',
  connect: () => new Redis(testRedisUrl(), { maxRetriesPerRequest: null }),
  redis: () => ({ url: testRedisUrl() }),
  bullPrefix: () => `bq${randomBytes(4).toString('hex')}`,
}

const cluster: Target = {
  name: '3-master cluster',
  connect: () => new Cluster(inject('redisClusterNodes')),
  redis: () => ({ cluster: inject('redisClusterNodes') }),
  // BullMQ's convention on a cluster: a hash-tagged prefix keeps a queue's keys in one slot.
  bullPrefix: () => `{bq${randomBytes(4).toString('hex')}}`,
}

const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

interface Run {
  ledger: Ledger
  queue: Queue
  config: WorkerConfig
}

function open(target: Target, mode: WorkerConfig['mode'], driver: WorkerConfig['ledgerDriver']) {
  const ledgerPrefix = `lq${randomBytes(4).toString('hex')}`
  const producer = target.connect()
  const ledger = createLedger({ redis: producer, prefix: ledgerPrefix })
  const config: WorkerConfig = {
    mode,
    redis: target.redis(),
    ledgerDriver: driver,
    ledgerPrefix,
    bullPrefix: target.bullPrefix(),
    queue: `work-${mode}`,
  }
  const queue = new Queue(config.queue, { connection: target.connect(), prefix: config.bullPrefix })
  cleanups.push(
    () => producer.quit(),
    () => ledger.close(),
    () => ledger.cleaner.purgeAll(),
    () => queue.close(),
    () => queue.obliterate({ force: true }),
  )
  return { ledger, queue, config } satisfies Run
}

async function startFleet(count: number, config: WorkerConfig): Promise<WorkerFleet> {
  const fleet = await WorkerFleet.start(count, config)
  cleanups.push(() => fleet.close())
  return fleet
}

/** Waits for the one "last", then for BullMQ to have nothing left, so a late second one would show. */
async function settle(fleet: WorkerFleet, queue: Queue): Promise<void> {
  await eventually(
    () => fleet.lasts.length > 0,
    'a worker was told it settled the last part',
    RUN_MS,
  )
  await eventually(
    async () => {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized')
      return Object.values(counts).every((n) => n === 0)
    },
    'the BullMQ queue has drained',
    RUN_MS,
  )
}

async function failureReasons(job: Job): Promise<Map<string, number>> {
  const reasons = new Map<string, number>()
  for await (const { reason } of job.allFailures())
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1)
  return reasons
}

for (const target of [single, cluster]) {
  describe(`jobledger/bullmq with BullMQ worker processes on the ${target.name}`, () => {
    it(
      `settles ${ITEMS} items once, with retries, injected failures and a worker SIGKILLed mid-run`,
      async () => {
        const { ledger, queue, config } = open(
          target,
          'items',
          target === single ? 'node-redis' : 'ioredis',
        )
        const fleet = await startFleet(3, {
          ...config,
          concurrency: 8,
          lockDuration: 2_000,
          stalledInterval: 1_000,
          maxStalledCount: 5,
        })
        const items = Array.from({ length: ITEMS }, (_, n) => ({ n, fail: failuresOf(n) }))
        const job = await fanOut(ledger, queue, items, {
          name: 'item',
          attempts: 3,
          removeOnComplete: true,
          removeOnFail: true,
        })
        await fleet.killAfter(0, Math.min(200, ITEMS / 10))
        await settle(fleet, queue)

        const failed = items.filter(({ fail }) => fail >= 3).length
        expect(fleet.stalled, 'jobs the killed worker held, recovered by BullMQ').toBeGreaterThan(0)
        expect(fleet.lasts.map(({ token }) => token)).toEqual([job.token])
        expect(await job.summary()).toMatchObject({
          state: 'finished',
          total: ITEMS,
          open: 0,
          succeeded: ITEMS - failed,
          failed,
        })
        const reasons = await failureReasons(job)
        expect([...reasons.values()].reduce((a, b) => a + b, 0)).toBe(failed)
        expect([...reasons.keys()].every((r) => r.includes('injected failure'))).toBe(true)
      },
      RUN_MS,
    )

    it(
      'settles every part once when the ledger job is stopped mid-run: the rest fail as stopped',
      async () => {
        const { ledger, queue, config } = open(target, 'items', 'ioredis')
        const fleet = await startFleet(2, { ...config, concurrency: 4 })
        const count = 2_000
        const items = Array.from({ length: count }, (_, n) => ({ n, fail: 0, workMs: 5 }))
        const job = await fanOut(ledger, queue, items, { name: 'item', removeOnComplete: true })
        await eventually(
          async () => ((await job.summary())?.succeeded ?? 0) >= 200,
          '200 parts done',
          RUN_MS,
        )
        await job.stop({ reason: 'operator' })
        await settle(fleet, queue)

        const summary = await job.summary()
        if (!summary) throw new Error('the job is gone')
        expect(fleet.lasts).toHaveLength(1)
        expect(summary).toMatchObject({ state: 'finished', total: count, open: 0 })
        expect(summary.succeeded + summary.failed).toBe(count)
        expect(summary.succeeded).toBeGreaterThanOrEqual(200)
        expect(summary.failed).toBeGreaterThan(0)
        expect([...(await failureReasons(job))]).toEqual([['stopped', summary.failed]])
      },
      RUN_MS,
    )

    it(
      'counts every item of a batched fan-out once, with a batch retried and one that never loads',
      async () => {
        const { ledger, queue, config } = open(target, 'batches', 'ioredis')
        const fleet = await startFleet(2, { ...config, concurrency: 4, loadFails: { 3: 1, 5: 3 } })
        const size = 250
        const ids = Array.from({ length: 5_000 }, (_, id) => id)
        const job = await fanOutBatches(ledger, queue, ids, {
          name: 'batch',
          size,
          bulkSize: 7,
          attempts: 3,
        })
        await settle(fleet, queue)

        const lost = ids.filter((id) => Math.floor(id / size) === 5)
        const errored = ids.filter((id) => id % 97 === 0 && !lost.includes(id)).length + lost.length
        expect(fleet.lasts).toHaveLength(1)
        expect(await job.report()).toMatchObject({
          items: ids.length,
          processed: ids.length - errored,
          errored,
          skipped: 0,
          missing: 0,
          batches: ids.length / size,
          batchesDone: ids.length / size,
        })
        expect(await job.summary()).toMatchObject({ state: 'finished', open: 0 })
      },
      RUN_MS,
    )
  })
}
