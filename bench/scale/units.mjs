// SCALE_UNITS live units (default 100,000 jobs of three open parts each) listed page by page
// with ledger.list (50 a page, every page from the newest to the last): p50 / p99 per page,
// then the jobs finished, purged and the memory back to its baseline.
import { createLedger } from '../../dist/index.js'
import { drive, measureOps, median } from '../lib/measure.mjs'
import { MiB, settledMemory } from './memory.mjs'

export const title = 'a hundred thousand live units, listed'

const UNITS = Number(process.env.SCALE_UNITS ?? 100_000)
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

export async function run({ redisUrl, admin, record }) {
  const ledger = createLedger({ redis: redisUrl, prefix: 'scale-units' })
  try {
    const baseline = await settledMemory(admin)
    const seed = await measureOps(admin, UNITS, () =>
      drive(UNITS, 200, (i) => ledger.job(`unit-${i}`).push('0', '1', '2')),
    )
    const live = await settledMemory(admin)
    record(
      `${UNITS.toLocaleString('en-US')} jobs created (push of 3 parts), 200 in flight`,
      Math.round(seed.rate),
      'jobs/s',
    )
    record('Redis memory per live job (3 open parts)', (live - baseline) / UNITS, 'bytes')
    const { times, listed } = await listAll(ledger)
    if (listed !== UNITS) throw new Error(`listed ${listed} of ${UNITS}`)
    const sorted = [...times].sort((a, b) => a - b)
    record(
      `ledger.list, ${PAGE} a page, all ${times.length.toLocaleString('en-US')} pages: p50`,
      median(times),
      'ms',
    )
    record('  p99', percentile(sorted, 0.99), 'ms')
    record('  slowest page', sorted[sorted.length - 1], 'ms')
    const finish = await measureOps(admin, UNITS, () =>
      drive(UNITS, 200, async (i) => {
        const job = ledger.job(`unit-${i}`)
        await Promise.all([job.done('0'), job.done('1'), job.done('2')])
        await job.close()
      }),
    )
    const finished = await settledMemory(admin)
    record(
      'jobs finished (3 done() and close each), 200 in flight',
      Math.round(finish.rate),
      'jobs/s',
    )
    record(
      'Redis memory per finished job, kept until its ttl',
      (finished - baseline) / UNITS,
      'bytes',
    )
    record('  all finished jobs', (finished - baseline) / MiB, 'MiB')
    await ledger.cleaner.purgeAll()
    const after = await settledMemory(admin)
    record('Redis memory: baseline / after purge', `${baseline} / ${after}`, 'bytes')
    record('  left after purge', after - baseline, 'bytes')
  } finally {
    await ledger.close()
  }
}
