// Store-only: the Redis key set of a group. Whatever its number of stages, a group lives in
// the same eight keys and every group script is called with exactly those; the memory store
// has no keys to count.
import { Redis } from 'ioredis'
import { describe, expect, it } from 'vitest'
import { createLedger, type StagedJobPayload } from '../src/index.js'
import type { RedisArg, RedisDriver, ScriptDefinition } from '../src/stores/redis/driver.js'
import { connectIoredis } from '../src/stores/redis/ioredis-driver.js'
import { RedisKeys } from '../src/stores/redis/keys.js'
import { createRedisStore } from '../src/stores/redis/redis-store.js'
import { deletePrefix, testRedisUrl } from './support/redis-namespace.js'

/** A driver that records the keys of every script call. */
function recording(driver: RedisDriver, calls: { script: string; keys: string[] }[]): RedisDriver {
  return {
    address: driver.address,
    isCluster: driver.isCluster,
    runScript(script: ScriptDefinition, keys: readonly string[], args: readonly RedisArg[]) {
      calls.push({ script: script.name, keys: [...keys] })
      return driver.runScript(script, keys, args)
    },
    command: (name, args) => driver.command(name, args),
    commandBuffer: (name, args) => driver.commandBuffer(name, args),
    publish: (channel, message) => driver.publish(channel, message),
    subscribe: (channel, onMessage) => driver.subscribe(channel, onMessage),
    scanNodes: () => driver.scanNodes(),
    duplicate: () => recording(driver.duplicate(), calls),
    disconnect: () => driver.disconnect(),
    close: () => driver.close(),
  }
}

describe('redis group keys', () => {
  it('keeps a 50-stage group in eight keys and calls every group script with exactly those', async () => {
    const url = testRedisUrl()
    const prefix = `gk${Date.now().toString(36)}`
    const calls: { script: string; keys: string[] }[] = []
    const driver = connectIoredis(url)
    const payloads: StagedJobPayload[] = []
    const store = createRedisStore(recording(driver, calls), { prefix })
    const ledger = createLedger({
      store,
      dispatch: (payload: StagedJobPayload) => void payloads.push(payload),
      keepCompletedMs: 60_000,
    })
    const admin = new Redis(url)
    try {
      const group = await ledger.withinGrouping('wide', async (g) => {
        for (let n = 1; n <= 50; n++) await g.stage(n).enqueue('Step', [n])
      })
      while (payloads.length > 0) await (await ledger.stagedJob(payloads.shift())).run(() => 1)
      expect((await group.record()).state).toBe('succeeded')
      const fixed = new RedisKeys(prefix).groupScriptKeys(group.id)
      const stored = await admin.keys(`${prefix}:group:*`)
      expect(stored.length).toBeLessThanOrEqual(8)
      expect(fixed).toEqual(expect.arrayContaining(stored))
      const groupCalls = calls.filter((call) => call.keys[0] === fixed[0])
      const scripts = new Set(groupCalls.map((call) => call.script))
      for (const script of [
        'create-group',
        'enqueue-staged-job',
        'initiate-stage',
        'start-staged-job',
        'finish-staged-job',
      ])
        expect(scripts).toContain(script)
      for (const call of groupCalls) expect(call.keys).toEqual(fixed)
    } finally {
      await ledger.close()
      await store.close()
      await admin.quit()
      await deletePrefix(url, prefix)
    }
  })
})
