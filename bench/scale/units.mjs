// SCALE_UNITS live units (default 100,000 jobs of three open parts each) listed page by page
// with ledger.list (50 a page, every page from the newest to the last): p50 / p99 per page,
// then SCALE_UNITS_FINISH of them finished (default 10,000), all purged and the memory back
// to its baseline.
import { createLedger } from '../../dist/index.js'
import { drive, measureOps, median } from '../lib/measure.mjs'
import { afterWarmUp, MiB, recordPurged, settledMemory } from './memory.mjs'

export const title = 'a hundred thousand live units, listed'

const UNITS = Number(process.env.SCALE_UNITS ?? 100_000)
const FINISH = Number(process.env.SCALE_UNITS_FINISH ?? 10_000)
const PAGE = 50

async function listAll(ledger) {
  const times = []
  let cursor = null
  let listed = 0
  do {
    const started = performance.now()
    const page = await ledger.list({ kind: 'job', limit: PAGE, cursor })
    times.push(performance.now() - started)
    listed += page.items.length
    cursor = page.cursor
  } while (cursor)
  return { times, listed }
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]
}

async function scenario({ admin, ledger }, units, record) {
  const baseline = await settledMemory(admin)
  const seed = await measureOps(admin, units, () =>
    drive(units, 200, (i) => ledger.job(`unit-${i}`).push('0', '1', '2')),
  )
  const live = await settledMemory(admin)
  record(
    `${units.toLocaleString('en-US')} jobs created (push of 3 parts), 200 in flight`,
    Math.round(seed.rate),
    'jobs/s',
  )
  record('Redis memory per live job (3 open parts)', (live - baseline) / units, 'bytes')
  const { times, listed } = await listAll(ledger)
  if (listed !== units) throw new Error(`listed ${listed} of ${units}`)
  const sorted = [...times].sort((a, b) => a - b)
  record(
    `ledger.list, ${PAGE} a page, all ${times.length.toLocaleString('en-US')} pages: p50`,
    median(times),
    'ms',
  )
  record('  p99', percentile(sorted, 0.99), 'ms')
  record('  slowest page', sorted[sorted.length - 1], 'ms')
  const finishing = Math.min(units, FINISH)
  const finish = await measureOps(admin, finishing, () =>
    drive(finishing, 200, async (i) => {
      const job = ledger.job(`unit-${i}`)
      await Promise.all([job.done('0'), job.done('1'), job.done('2')])
      await job.close()
    }),
  )
  const finished = await settledMemory(admin)
  record(
    `${finishing.toLocaleString('en-US')} jobs finished (3 done() and close each), 200 in flight`,
    Math.round(finish.rate),
    'jobs/s',
  )
  record(
    'Redis memory per finished job over a live one, kept until its ttl',
    (finished - live) / finishing,
    'bytes',
  )
  record('  all the jobs', (finished - baseline) / MiB, 'MiB')
  await ledger.cleaner.purgeAll()
  await recordPurged(admin, baseline, record)
}

export async function run({ redisUrl, admin, record }) {
  const ledger = createLedger({ redis: redisUrl, prefix: 'scale-units' })
  try {
    await afterWarmUp((size, rec) => scenario({ admin, ledger }, size, rec), UNITS, record)
  } finally {
    await ledger.close()
  }
}
