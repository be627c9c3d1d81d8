// Listing with 100,000 live units: ledger.list pages of 50 (unfiltered, by name prefix short
// and long, by creation range, by state, oldest first) against a real Redis, with the round
// trips of one page counted on the server (INFO commandstats: calls per page).
import { Redis } from 'ioredis'
import { createLedger } from '../dist/index.js'

export const title = 'units: list + filter with 100,000 live jobs'

const UNITS = Number(process.env.UNITS_BENCH_COUNT ?? 100_000)
const NAMES = ['nightly import', 'hourly sync', 'weekly report', 'export to s3', 'rebuild index']

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]
}

async function seed(ledger, start) {
  const batch = 500
  for (let i = 0; i < UNITS; i += batch) {
    const writes = []
    for (let j = i; j < Math.min(UNITS, i + batch); j++) {
      const name = `${NAMES[j % NAMES.length]} ${String(j).padStart(6, '0')}`
      const job = ledger.job(`u${j}`, { name, ttlMs: 3_600_000 })
      writes.push(j % 10 === 0 ? job.close() : job.push('a'))
    }
    await Promise.all(writes)
  }
  return performance.now() - start
}

export async function run({ redisUrl, record }) {
  const admin = new Redis(redisUrl)
  const ledger = createLedger({ redis: redisUrl, prefix: 'bench-units' })
  try {
    const from = Date.now()
    record('units created', UNITS, 'jobs')
    record('seeding', Math.round(await seed(ledger, performance.now())), 'ms')
    const mid = from + Math.round((Date.now() - from) / 2)
    const cases = [
      ['newest 50', { kind: 'job', limit: 50 }],
      ['oldest 50', { kind: 'job', limit: 50, order: 'oldest' }],
      ['name prefix "night" (indexed)', { kind: 'job', limit: 50, name: 'night' }],
      [
        'name prefix "nightly import 0" (checked)',
        { kind: 'job', limit: 50, name: 'nightly import 0' },
      ],
      ['created before the middle', { kind: 'job', limit: 50, createdTo: mid }],
      ['state finished (over-read of 500)', { kind: 'job', limit: 50, state: 'finished' }],
    ]
    for (const [label, options] of cases) {
      const times = []
      let calls = 0
      for (let i = 0; i < 100; i++) {
        const before = await admin.info('commandstats')
        const started = performance.now()
        const page = await ledger.list(options)
        times.push(performance.now() - started)
        if (page.items.length === 0) throw new Error(`${label}: empty page`)
        calls = callsBetween(before, await admin.info('commandstats')) - 1
      }
      times.sort((a, b) => a - b)
      record(`${label}: p50`, percentile(times, 50), 'ms')
      record(`${label}: p99`, percentile(times, 99), 'ms')
      record(`${label}: commands per page`, calls, '')
    }
  } finally {
    await ledger.cleaner.purgeAll()
    await ledger.close()
    admin.disconnect()
  }
}

function totalCalls(info) {
  let calls = 0
  for (const match of info.matchAll(/calls=(\d+)/g)) calls += Number(match[1])
  return calls
}

function callsBetween(before, after) {
  return totalCalls(after) - totalCalls(before)
}
