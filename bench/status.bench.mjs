// Status writes and reads against a real Redis, counted on the server (INFO commandstats), so
// "one round trip" and the throttle's write bound are measured, not assumed.
import { Redis } from 'ioredis'
import { createLedger } from '../dist/index.js'
import { SCRIPTS } from '../dist/stores/redis/scripts.generated.js'
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

/** What an unthrottled increment sends besides its key and op (see write-status.lua). */
const incrementArgs = (op) => [
  ...['', op, 86_400_000, 'channel', '"raw"', '', '', '', 1, '0', 65_536],
  '', // no subject
]

/**
 * progress.increment() without throttle against a raw HINCRBY on a connection of its own,
 * one call in flight each, interleaved rounds, medians; and, on the raw connection, the
 * write-status script called straight (the increment without the ledger's own code) and an
 * empty script (`return 1`) given the same key and arguments (the call without the script's work).
 */
async function incrementVersusHincrby(redisUrl, admin, ledger, record, goal) {
  const n = INCREMENTS
  const raw = new Redis(redisUrl)
  raw.defineCommand('benchEmpty', { numberOfKeys: 1, lua: 'return 1' })
  raw.defineCommand('benchWriteStatus', { numberOfKeys: 1, lua: SCRIPTS.writeStatus.lua })
  let rawOps = 0
  const plain = ledger.status('plain')
  await plain.progress.setTotal(n * ROUNDS)
  const before = await commandCalls(admin, ['evalsha', 'eval'])
  const { increment, hincrby, empty, script } = await interleaved(ROUNDS, {
    increment: () =>
      measureOps(admin, n, async () => {
        for (let i = 0; i < n; i++) await plain.progress.increment()
      }),
    hincrby: () =>
      measureOps(admin, n, async () => {
        for (let i = 0; i < n; i++) await raw.hincrby('bench-status:raw', 'progress', 1)
      }),
    empty: () =>
      measureOps(admin, n, async () => {
        for (let i = 0; i < n; i++)
          await raw.benchEmpty('bench-status:empty', ...incrementArgs('o'))
      }),
    script: () =>
      measureOps(admin, n, async () => {
        for (let i = 0; i < n; i++)
          await raw.benchWriteStatus('bench-status:script', ...incrementArgs(`o${rawOps++}`))
      }),
  })
  // The raw scripts' calls are taken out: what is left is the increments'.
  const calls = (await commandCalls(admin, ['evalsha', 'eval'])) - before
  const scriptCalls = calls - 2 * n * ROUNDS
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
    `  write-status called straight, no ledger code (median; rounds ${spread(script.rates)})`,
    Math.round(script.rate),
    'ops/s',
  )
  record('  ratio write-status called straight / HINCRBY', script.rate / hincrby.rate, 'x')
  record(
    `  empty script, same key and arguments (median; rounds ${spread(empty.rates)})`,
    Math.round(empty.rate),
    'ops/s',
  )
  record(
    '  ratio empty script / HINCRBY (the ceiling of a one-script write)',
    empty.rate / hincrby.rate,
    'x',
  )
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
  record(
    '  Redis CPU / client CPU per write-status called straight',
    `${script.serverUs.toFixed(2)} / ${script.clientUs.toFixed(2)}`,
    'µs',
  )
  record(
    '  Redis CPU / client CPU per empty script',
    `${empty.serverUs.toFixed(2)} / ${empty.clientUs.toFixed(2)}`,
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
    await admin.del('bench-status:raw', 'bench-status:script')
    await ledger.close()
    await admin.quit()
  }
}
