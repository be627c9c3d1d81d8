import { afterEach, beforeEach, expect } from 'vitest'
import { countOpenLedgers } from '../../src/create-ledger.js'
import { countOpenRedisConnections as countOpenIoredis } from '../../src/stores/redis/ioredis-driver.js'
import { countOpenNodeRedisConnections } from '../../src/stores/redis/node-redis-driver.js'
import { eventually } from '../../src/testing/wait.js'

// Every ledger a test opens must be closed by the end of that test, and with it every Redis
// connection a ledger opened (blocked pops, subscriptions): leaks would spill into later tests.
let connectionsBefore = 0

function countOpenRedisConnections(): number {
  return countOpenIoredis() + countOpenNodeRedisConnections()
}

beforeEach(() => {
  connectionsBefore = countOpenRedisConnections()
})

afterEach(async () => {
  expect(countOpenLedgers(), 'ledgers left open by this test').toBe(0)
  const settled = () => countOpenRedisConnections() <= connectionsBefore
  await eventually(settled, 'the Redis connections of this test have ended', 5_000).catch(() => {
    expect(countOpenRedisConnections(), 'Redis connections left open by this test').toBe(
      connectionsBefore,
    )
  })
})
