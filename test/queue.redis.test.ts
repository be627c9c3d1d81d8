// Redis-only: cluster-slot safety of the queue's keys and the connections blocking pops open,
// which have no equivalent in the memory store.
import calculateSlot from 'cluster-key-slot'
import { Redis } from 'ioredis'
import { describe, expect, it } from 'vitest'
import { RedisKeys } from '../src/stores/redis/keys.js'
import { eventually } from '../src/testing/wait.js'
import { redisNamespace } from './support/redis-namespace.js'

describe('redis tracked queue', () => {
  it('keeps every key of a queue, whatever its name, in the slot of its hash tag', () => {
    for (const name of ['imports', 'a:b', 'q-1.x', 'é']) {
      const keys = Object.values(new RedisKeys('jl').queue(name))
      expect(new Set(keys.map((key) => calculateSlot(key))).size).toBe(1)
      expect(keys.every((key) => key.includes(`{${name}}`))).toBe(true)
    }
  })

  it('closes the connections of blocked pops when the ledger closes', async () => {
    const ns = await redisNamespace()
    const admin = new Redis(ns.url)
    try {
      const blockedClients = async () =>
        Number(/blocked_clients:(\d+)/.exec(await admin.info('clients'))?.[1] ?? -1)
      const before = await blockedClients()
      const ledger = ns.ledger()
      const pops = [ledger.queue('a').popAndStart(), ledger.queue('b').popAndStart()]
      await eventually(async () => (await blockedClients()) === before + 2, 'both pops block')
      await ledger.close()
      expect(await Promise.all(pops)).toEqual([null, null])
      await eventually(async () => (await blockedClients()) === before, 'the blocked clients go')
    } finally {
      await admin.quit()
      await ns.close()
    }
  })
})
