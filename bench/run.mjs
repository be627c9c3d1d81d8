#!/usr/bin/env node
// Runs every bench/*.bench.mjs against a private redis-server on a free loopback port and
// prints their figures. Usage: npm run bench [-- name ...] to run only some benches.
// Each bench module exports `title` and `run({ redisUrl, record, goal })`; record(metric, value,
// unit) adds one row, goal(id, measurement) one row of the goal table printed at the end (see
// bench/lib/goals.mjs). Ratios are measured side by side in the same run, never against old
// numbers.
import { readdirSync } from 'node:fs'
import { startRedisServer } from '../dist/testing/redis-server.js'
import { goalRecorder } from './lib/goals.mjs'
import { format, uptime } from './lib/report.mjs'

const only = process.argv.slice(2)
const files = readdirSync(new URL('.', import.meta.url))
  .filter((file) => file.endsWith('.bench.mjs'))
  .filter((file) => only.length === 0 || only.some((name) => file.startsWith(name)))
  .sort()

const redis = await startRedisServer(['--maxmemory-policy', 'noeviction'])
console.log(`node ${process.version}, private redis-server at ${redis.url}\n`)
const goals = goalRecorder()
const started = Date.now()
let failed = false
try {
  for (const file of files) {
    const bench = await import(new URL(file, import.meta.url).href)
    const benchStarted = Date.now()
    console.log(`## ${bench.title ?? file}`)
    const rows = []
    const record = (metric, value, unit = '') => {
      rows.push({ metric, value, unit })
      console.log(`  ${metric.padEnd(58)} ${format(value).padStart(14)} ${unit}`)
    }
    try {
      await bench.run({ redisUrl: redis.url, record, goal: goals.record })
    } catch (error) {
      failed = true
      console.error(`  failed: ${error.stack ?? error}`)
    }
    console.log(`  (${file}: ${Math.round((Date.now() - benchStarted) / 1000)} s)\n`)
  }
  console.log(`## Goals (issue 14), measured in this run`)
  console.log(
    `${new Date().toISOString()}, ${Math.round((Date.now() - started) / 1000)} s, ${uptime()}\n`,
  )
  console.log(goals.table())
} finally {
  await redis.stop()
}
process.exit(failed ? 1 : 0)
