#!/usr/bin/env node
// Variants of done-part.lua side by side on one private redis-server: the server's CPU per
// call (INFO cpu) of each, interleaved rounds of OPS calls (64 in flight on one auto-pipelined
// connection), medians. The parts are those of one job the ledger pushed, so every variant
// meets the state hash as the ledger writes it. The variants are CPU probes, not valid
// scripts (no PTTL skips the deadline, bitCounters writes counters over the first parts'
// bits, which no round settles). Usage: npm run build && node bench/experiments/done-part-variants.mjs
// DONE_VARIANTS_OPS (default 20,000) and DONE_VARIANTS_ROUNDS (default 5) set the sizes.
import { readFileSync } from 'node:fs'
import { Redis } from 'ioredis'
import { createLedger } from '../../dist/index.js'
import { startRedisServer } from '../../dist/testing/redis-server.js'
import { drive, interleaved, measureOps } from '../lib/measure.mjs'

const OPS = Number(process.env.DONE_VARIANTS_OPS ?? 20_000)
const ROUNDS = Number(process.env.DONE_VARIANTS_ROUNDS ?? 5)
const FIRST_PART = 200
const lua = readFileSync(
  new URL('../../src/stores/redis/lua/done-part.lua', import.meta.url),
  'utf8',
)
const dense = (op, i) => ['', op, i]
const full = (op, i) => ['', op, i, String(i)]
const HMGET_6 = "'closed', 'open', 'succeeded', 'startedAt', 'ttlMs', 'denseEnd')"

const VARIANTS = {
  current: { lua, keys: 3, args: full },
  twoKeys: { lua, keys: 2, args: dense },
  sixFields: {
    lua: lua
      .replace(
        "'closed', 'open', 'succeeded', 'startedAt', 'refreshAt',\n  'ttlMs', 'denseEnd')",
        HMGET_6,
      )
      .replace("tonumber(v[6] or '0')", "tonumber(v[5] or '0')")
      .replace("tonumber(v[5] or '0')\nend", '0\nend')
      .replace('tonumber(v[7])', 'tonumber(v[6])'),
    keys: 2,
    args: dense,
  },
  noPttl: {
    lua: lua.replace(
      "stale = redis.call('pttl', KEYS[1]) < tonumber(v[6] or '0')",
      'stale = false',
    ),
    keys: 3,
    args: full,
  },
  bitCounters: {
    lua: lua.replace(
      "redis.call('hset', KEYS[1], 'open', open - 1, 'succeeded', tonumber(v[3]) + 1)",
      "redis.call('bitfield', KEYS[2], 'INCRBY', 'i64', 0, -1, 'INCRBY', 'i64', 64, 1)",
    ),
    keys: 3,
    args: full,
  },
  empty34: { lua: 'return 1', keys: 3, args: full, empty: true },
  empty23: { lua: 'return 1', keys: 2, args: dense, empty: true },
  empty10: { lua: 'return 1', keys: 1, args: () => [], empty: true },
}

const redis = await startRedisServer([])
const admin = new Redis(redis.url)
const client = new Redis(redis.url, { enableAutoPipelining: true })
const ledger = createLedger({ redis: redis.url, prefix: 'variants' })
try {
  const settling = Object.values(VARIANTS).filter((v) => !v.empty).length
  const parts = FIRST_PART + OPS * ROUNDS * settling + 1
  const job = ledger.job('variants')
  await job.pushInBatches(
    Array.from({ length: parts }, (_, i) => i),
    { batchSize: 10_000 },
    () => {},
  )
  await job.done(parts - 1) // the first settle records startedAt, through settle-job-part
  const state = (await admin.keys('variants*:state'))[0]
  const keys = [state, state.replace(/:state$/, ':bits'), state.replace(/:state$/, ':parts')]
  let next = FIRST_PART
  const sides = {}
  for (const [name, v] of Object.entries(VARIANTS)) {
    client.defineCommand(name, { numberOfKeys: v.keys, lua: v.lua })
    sides[name] = () => {
      const base = v.empty ? 0 : next
      if (!v.empty) next += OPS
      return measureOps(admin, OPS, () =>
        drive(OPS, 64, async (i) => {
          const reply = await client[name](
            ...keys.slice(0, v.keys),
            ...v.args(`op${base + i}`, base + i),
          )
          if (!v.empty && reply !== 1) throw new Error(`${name} answered ${reply}`)
        }),
      )
    }
  }
  const result = await interleaved(ROUNDS, sides)
  for (const [name, r] of Object.entries(result))
    console.log(`${name.padEnd(12)} Redis CPU ${r.serverUs.toFixed(2).padStart(6)} µs/call`)
} finally {
  await ledger.close()
  await client.quit()
  await admin.quit()
  await redis.stop()
}
