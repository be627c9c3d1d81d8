// Redis-only: a redis-server killed with SIGKILL (AOF appendfsync always) and restarted on the
// same port and data dir, under a stream of writes. The memory store has no server to lose.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isJobledgerError } from '../../src/index.js'
import { connectionSettings } from '../../src/stores/redis/connection-options.js'
import { connectIoredis } from '../../src/stores/redis/ioredis-driver.js'
import { type DurableRedis, startDurableRedisServer } from '../../src/testing/redis-server.js'
import { eventually } from '../../src/testing/wait.js'
import {
  FAULT_TRIALS,
  msUntilSuccess,
  RecordingLogger,
  summarize,
  timed,
} from '../support/fault-tools.js'

let redis: DurableRedis
let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jobledger-crash-'))
  redis = await startDurableRedisServer(dir)
})

afterAll(async () => {
  await redis.stop()
  await rm(dir, { recursive: true, force: true })
})

/** Counts what a stream of INCRs was told: applied, maybe applied, or certainly not. */
function incrementsUntil(
  driver: ReturnType<typeof connectIoredis>,
  key: string,
  stop: () => boolean,
) {
  const told = { acknowledged: 0, ambiguous: 0, refused: 0 }
  const done = (async () => {
    while (!stop()) {
      try {
        await driver.command('INCR', [key])
        told.acknowledged++
      } catch (error) {
        if (!isJobledgerError(error) || error.code !== 'STORE_UNAVAILABLE') throw error
        if (error.details.ambiguous === true) told.ambiguous++
        else told.refused++
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
    }
  })()
  return { told, done }
}

describe('redis-server killed and restarted', () => {
  it('loses no acknowledged write, fails fast while down and recovers soon after restart', async () => {
    const figures = { failure: [] as number[], recovery: [] as number[] }
    const logger = new RecordingLogger()
    const driver = connectIoredis(
      redis.url,
      connectionSettings({ commandTimeoutMs: 1_000 }, logger),
    )
    try {
      for (let trial = 0; trial < FAULT_TRIALS; trial++) {
        const key = `crash:${trial}`
        let stopping = false
        const writer = incrementsUntil(driver, key, () => stopping)
        await eventually(() => writer.told.acknowledged >= 20, 'writes are acknowledged')
        await redis.kill()
        const down = await timed(() => driver.command('GET', [key]))
        expect(down.error).toMatchObject({ code: 'STORE_UNAVAILABLE' })
        figures.failure.push(down.ms)
        await redis.restart()
        figures.recovery.push(await msUntilSuccess(() => driver.command('GET', [key]), 5_000))
        const before = writer.told.acknowledged
        await eventually(() => writer.told.acknowledged > before + 5, 'writes go on after restart')
        stopping = true
        await writer.done
        const stored = Number(await driver.command('GET', [key]))
        expect(stored).toBeGreaterThanOrEqual(writer.told.acknowledged)
        expect(stored).toBeLessThanOrEqual(writer.told.acknowledged + writer.told.ambiguous)
      }
      expect(Math.max(...figures.failure)).toBeLessThan(2_500)
      // Generous: with appendfsync always each write waits for the disk, which other processes
      // on a shared CI box may keep busy; the proxy tests bound the client's own part tighter.
      expect(Math.max(...figures.recovery)).toBeLessThan(2_500)
      expect(logger.messages('info')).toContain('Redis connection restored')
      if (process.env.FAULT_TRIALS) {
        console.info(`kill -9: call fails after ${JSON.stringify(summarize(figures.failure))} ms`)
        console.info(
          `restart: first success after ${JSON.stringify(summarize(figures.recovery))} ms`,
        )
      }
    } finally {
      await driver.close()
    }
  })
})
