// Redis-only: the memory a job's parts cost on the server, read with MEMORY USAGE.
import { Redis } from 'ioredis'
import { afterEach, expect, it } from 'vitest'
import { createLedger, type Ledger } from '../src/index.js'
import { deletePrefix, testRedisUrl } from './support/redis-namespace.js'

const PARTS = 200_000
let ledger: Ledger | null = null
let admin: Redis | null = null

afterEach(async () => {
  await ledger?.close()
  await admin?.quit()
  await deletePrefix(testRedisUrl(), 'mem')
})

it(`keeps an open job of ${PARTS} pushEach parts under one byte per part`, async () => {
  ledger = createLedger({ redis: testRedisUrl(), prefix: 'mem' })
  admin = new Redis(testRedisUrl())
  const job = ledger.job('big')
  function* items() {
    for (let i = 0; i < PARTS; i++) yield i
  }
  await job.pushInBatches(items(), { batchSize: 20_000 }, () => {})
  expect(await job.count()).toBe(PARTS)
  let bytes = 0
  for (const key of ['mem:job:{big}:state', 'mem:job:{big}:bits', 'mem:job:{big}:parts']) {
    bytes += Number((await admin.memory('USAGE', key)) ?? 0)
  }
  expect(bytes / PARTS).toBeLessThan(1)
  expect(bytes / PARTS).toBeGreaterThan(0.2)
})
