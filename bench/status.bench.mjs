// Status writes and reads against a real Redis, counted on the server (INFO commandstats), so
// "one round trip" and the throttle's write bound are measured, not assumed.
import { Redis } from 'ioredis'
import { createLedger } from '../dist/index.js'

export const title = 'status: increments, throttling, reads'

async function commandCalls(admin, names) {
  const info = await admin.info('commandstats')
  let calls = 0
  for (const name of names) {
    const match = new RegExp(`cmdstat_${name}:calls=(\\d+)`).exec(info)
    if (match) calls += Number(match[1])
  }
  return calls
}

export async function run({ redisUrl, record }) {
  const admin = new Redis(redisUrl)
  const ledger = createLedger({ redis: redisUrl, prefix: 'bench-status' })
  try {
    const scripts = ['evalsha', 'eval']

    const n = 5_000
    const plain = ledger.status('plain')
    await plain.progress.setTotal(n)
    let before = await commandCalls(admin, scripts)
    let started = performance.now()
    for (let i = 0; i < n; i++) await plain.progress.increment()
    let ms = performance.now() - started
    let scriptCalls = (await commandCalls(admin, scripts)) - before
    record('progress.increment, no throttle (sequential)', Math.round(n / (ms / 1000)), 'ops/s')
    record('  script calls per increment', scriptCalls / n, '')

    started = performance.now()
    for (let i = 0; i < n; i++) await admin.hincrby('bench-status:raw', 'progress', 1)
    ms = performance.now() - started
    record('  raw HINCRBY, same loop (reference)', Math.round(n / (ms / 1000)), 'ops/s')

    const total = 100_000
    const throttled = ledger.status('throttled', { throttleMs: 100 })
    before = await commandCalls(admin, scripts)
    started = performance.now()
    for (let i = 0; i < total; i++) {
      await throttled.progress.increment()
      if (i % 10_000 === 9_999) await new Promise((resolve) => setImmediate(resolve))
    }
    await throttled.flush()
    ms = performance.now() - started
    scriptCalls = (await commandCalls(admin, scripts)) - before
    const final = (await ledger.getStatus('throttled')).progress
    record('100,000 increments, throttleMs=100: elapsed', Math.round(ms), 'ms')
    record('  store writes (script calls on the server)', scriptCalls, '')
    record('  bound elapsed/100 + 2', Math.floor(ms / 100 + 2), '')
    record('  final progress (must be 100,000)', final, '')
    if (final !== total || scriptCalls > ms / 100 + 2) throw new Error('throttle bound broken')

    const reads = 5_000
    before = await commandCalls(admin, ['hgetall'])
    started = performance.now()
    for (let i = 0; i < reads; i++) await ledger.getStatus('plain')
    ms = performance.now() - started
    const readCalls = (await commandCalls(admin, ['hgetall'])) - before
    record('getStatus (sequential)', Math.round(reads / (ms / 1000)), 'ops/s')
    record('  commands per getStatus', readCalls / reads, '')
  } finally {
    await ledger.cleaner.purgeAll()
    await admin.del('bench-status:raw')
    await ledger.close()
    await admin.quit()
  }
}
