// Status writes and reads against a real Redis, counted on the server (INFO commandstats), so
// "one round trip" and the throttle's write bound are measured, not assumed.
import { Redis } from 'ioredis'
import { createLedger } from '../dist/index.js'
import {
  commandCalls as allCalls,
  callsBetween,
  interleaved,
  measureOps,
  spread,
} from './lib/measure.mjs'

export const title = 'status: increments, throttling, reads'

const INCREMENTS = Number(process.env.STATUS_BENCH_N ?? 5_000)
const ROUNDS = Number(process.env.STATUS_BENCH_ROUNDS ?? 5)

async function commandCalls(admin, names) {
  return callsBetween(new Map(), await allCalls(admin), names)
}

/**
 * progress.increment() without throttle against a raw HINCRBY on a connection of its own,
 * one call in flight each, interleaved rounds, medians.
 */
async function incrementVersusHincrby(redisUrl, admin, ledger, record, goal) {
  const n = INCREMENTS
  const raw = new Redis(redisUrl)
  const plain = ledger.status('plain')
  await plain.progress.setTotal(n * ROUNDS)
  const before = await commandCalls(admin, ['evalsha', 'eval'])
  const { increment, hincrby } = await interleaved(ROUNDS, {
    increment: () =>
      measureOps(admin, n, async () => {
        for (let i = 0; i < n; i++) await plain.progress.increment()
      }),
    hincrby: () =>
      measureOps(admin, n, async () => {
        for (let i = 0; i < n; i++) await raw.hincrby('bench-status:raw', 'progress', 1)
      }),
  })
  const scriptCalls = (await commandCalls(admin, ['evalsha', 'eval'])) - before
  await raw.quit()
  record(
    `progress.increment, no throttle (sequential, median; rounds ${spread(increment.rates)})`,
    Math.round(increment.rate),
    'ops/s',
  )
  record('  script calls per increment', scriptCalls / (n * ROUNDS), '')
  record(
    `  raw HINCRBY, same loop (median; rounds ${spread(hincrby.rates)})`,
    Math.round(hincrby.rate),
    'ops/s',
  )
  record('  ratio increment / HINCRBY', increment.rate / hincrby.rate, 'x')
  record(
    '  Redis CPU per increment / per HINCRBY',
    `${increment.serverUs.toFixed(2)} / ${hincrby.serverUs.toFixed(2)}`,
    'µs',
  )
  record(
    '  client CPU per increment / per HINCRBY',
    `${increment.clientUs.toFixed(2)} / ${hincrby.clientUs.toFixed(2)}`,
    'µs',
  )
  goal('status-hincrby', {
    value: increment.rate / hincrby.rate,
    ours: { name: 'increment', ...increment },
    reference: { name: 'HINCRBY', ...hincrby },
  })
}

/** 100,000 throttled increments: the store writes stay within elapsed/throttleMs + 2. */
async function throttledBound(admin, ledger, record) {
  const scripts = ['evalsha', 'eval']
  const total = 100_000
  const throttled = ledger.status('throttled', { throttleMs: 100 })
  const before = await commandCalls(admin, scripts)
  const started = performance.now()
  for (let i = 0; i < total; i++) {
    await throttled.progress.increment()
    if (i % 10_000 === 9_999) await new Promise((resolve) => setImmediate(resolve))
  }
  await throttled.flush()
  const ms = performance.now() - started
  const scriptCalls = (await commandCalls(admin, scripts)) - before
  const final = (await ledger.getStatus('throttled')).progress
  record('100,000 increments, throttleMs=100: elapsed', Math.round(ms), 'ms')
  record('  store writes (script calls on the server)', scriptCalls, '')
  record('  bound elapsed/100 + 2', Math.floor(ms / 100 + 2), '')
  record('  final progress (must be 100,000)', final, '')
  if (final !== total || scriptCalls > ms / 100 + 2) throw new Error('throttle bound broken')
}

async function reads(admin, ledger, record) {
  const n = 5_000
  const before = await commandCalls(admin, ['hgetall'])
  const started = performance.now()
  for (let i = 0; i < n; i++) await ledger.getStatus('plain')
  const ms = performance.now() - started
  const readCalls = (await commandCalls(admin, ['hgetall'])) - before
  record('getStatus (sequential)', Math.round(n / (ms / 1000)), 'ops/s')
  record('  commands per getStatus', readCalls / n, '')
}

export async function run({ redisUrl, record, goal }) {
  const admin = new Redis(redisUrl)
  const ledger = createLedger({ redis: redisUrl, prefix: 'bench-status' })
  try {
    await incrementVersusHincrby(redisUrl, admin, ledger, record, goal)
    await throttledBound(admin, ledger, record)
    await reads(admin, ledger, record)
  } finally {
    await ledger.cleaner.purgeAll()
    await admin.del('bench-status:raw')
    await ledger.close()
    await admin.quit()
  }
}
