// Store-only: the Redis key layout of batches. Every key a batch script touches must live in
// its job's cluster slot, whatever the token and index; memory stores have no keys to check.
import calculateSlot from 'cluster-key-slot'
import { describe, expect, it } from 'vitest'
import { RedisKeys } from '../src/stores/redis/keys.js'

describe('redis batch keys', () => {
  it.each(['t', 'a-b_c.d', 'x'.repeat(256), '__proto__'])(
    'puts the twelve keys of job %s, its batches and its outcome lists in one slot',
    (token) => {
      const keys = new RedisKeys('jobledger')
      const all = [
        ...keys.jobKeyList(token),
        keys.batchItems(token, 0),
        keys.batchItems(token, 999_999),
      ]
      expect(new Set(all.map((key) => calculateSlot(key))).size).toBe(1)
      expect(new Set(all).size).toBe(all.length)
      for (const kind of ['skipped', 'errored', 'missing'])
        expect(keys.jobKeyList(token)).toContain(keys.batchOutcomes(token, kind))
      expect(keys.jobPartKeys(token)).toEqual(keys.jobKeyList(token).slice(0, 3))
    },
  )
})
