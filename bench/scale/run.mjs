#!/usr/bin/env node
// `npm run bench:scale`: jobledger at scale on a private redis-server (loopback, free port):
// a job of SCALE_PARTS parts, a queue of SCALE_QUEUE_ITEMS items, SCALE_UNITS live units
// listed page by page, and the server's memory back at its baseline once they are gone.
// Usage: npm run bench:scale [-- parts queue units] to run only some.
// Each scenario exports `title` and `run({ redisUrl, admin, record })`.
import { Redis } from 'ioredis'
import { startRedisServer } from '../../dist/testing/redis-server.js'
import { format, uptime } from '../lib/report.mjs'

const SCENARIOS = ['parts', 'queue', 'units']
const only = process.argv.slice(2)
const names = SCENARIOS.filter((name) => only.length === 0 || only.includes(name))

const redis = await startRedisServer(['--maxmemory-policy', 'noeviction'])
const admin = new Redis(redis.url)
const started = Date.now()
console.log(`node ${process.version}, private redis-server at ${redis.url}`)
console.log(`${new Date().toISOString()}, ${uptime()}\n`)
let failed = false
try {
  for (const name of names) {
    const scenario = await import(new URL(`./${name}.mjs`, import.meta.url).href)
    console.log(`## ${scenario.title}`)
    const record = (metric, value, unit = '') =>
      console.log(`  ${metric.padEnd(62)} ${format(value).padStart(16)} ${unit}`)
    try {
      await scenario.run({ redisUrl: redis.url, admin, record })
    } catch (error) {
      failed = true
      console.error(`  failed: ${error.stack ?? error}`)
    }
    await admin.flushdb()
    console.log('')
  }
} finally {
  console.log(`${Math.round((Date.now() - started) / 1000)} s in all, ${uptime()}`)
  await admin.quit()
  await redis.stop()
}
process.exit(failed ? 1 : 0)
