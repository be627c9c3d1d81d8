// A job of SCALE_PARTS parts (default 10,000,000): pushEach rate and Redis bytes per open part;
// done() rate over SCALE_DONE parts spread over the whole range (default 200,000; settling all
// ten million at done()'s rate would take longer than the run), 64 in flight; then the job
// purged and the memory back to its baseline.
import { createLedger } from '../../dist/index.js'
import { drive, measureOps } from '../lib/measure.mjs'
import { afterWarmUp, MiB, recordPurged, settledMemory } from './memory.mjs'

export const title = 'one job with millions of parts'

const PARTS = Number(process.env.SCALE_PARTS ?? 10_000_000)
const DONE = Number(process.env.SCALE_DONE ?? 200_000)

function* range(n) {
  for (let i = 0; i < n; i++) yield i
}

async function scenario({ admin, ledger }, parts, record) {
  const baseline = await settledMemory(admin)
  const job = ledger.job('millions')
  const push = await measureOps(admin, parts, () => job.pushEach(range(parts), () => {}))
  await job.close()
  const open = await settledMemory(admin)
  if ((await job.count()) !== parts) throw new Error('pushEach lost parts')
  record(`pushEach ${parts.toLocaleString('en-US')} parts`, Math.round(push.rate), 'parts/s')
  record(
    '  Redis CPU / client CPU per part',
    `${push.serverUs.toFixed(2)} / ${push.clientUs.toFixed(2)}`,
    'µs',
  )
  record('Redis memory per open part (used_memory delta)', (open - baseline) / parts, 'bytes')
  const doneCount = Math.min(parts, DONE)
  const stride = Math.floor(parts / doneCount)
  const done = await measureOps(admin, doneCount, () =>
    drive(doneCount, 64, (i) => job.done(i * stride)),
  )
  record(
    `done() of ${doneCount.toLocaleString('en-US')} parts spread over the job, 64 in flight`,
    Math.round(done.rate),
    'calls/s',
  )
  record(
    '  Redis CPU / client CPU per done()',
    `${done.serverUs.toFixed(2)} / ${done.clientUs.toFixed(2)}`,
    'µs',
  )
  if ((await job.count()) !== parts - doneCount) throw new Error('done() count is off')
  const settled = await settledMemory(admin)
  record(
    'Redis memory with the job open, after the done() calls',
    (settled - baseline) / MiB,
    'MiB',
  )
  await ledger.cleaner.purgeAll()
  await recordPurged(admin, baseline, record)
}

export async function run({ redisUrl, admin, record }) {
  const ledger = createLedger({ redis: redisUrl, prefix: 'scale-parts' })
  try {
    await afterWarmUp((size, rec) => scenario({ admin, ledger }, size, rec), PARTS, record)
  } finally {
    await ledger.close()
  }
}
