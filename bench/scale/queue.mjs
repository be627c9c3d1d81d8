// A queue of SCALE_QUEUE_ITEMS items (default 1,000,000): createAndPush of all of them (200 in
// flight), then popAndStart + finish of the first SCALE_QUEUE_POP of them (default 100,000: the
// whole million takes longer than the run on a shared machine) by 4 consumers, each a ledger on
// its own connection, from the full queue; memory per waiting and per finished item, then the
// queue purged and the memory back to its baseline.
import { createLedger } from '../../dist/index.js'
import { drive, measureOps } from '../lib/measure.mjs'
import { afterWarmUp, MiB, recordPurged, settledMemory } from './memory.mjs'

export const title = 'a queue of a million items'

const ITEMS = Number(process.env.SCALE_QUEUE_ITEMS ?? 1_000_000)
const POP = Number(process.env.SCALE_QUEUE_POP ?? 100_000)
const CONSUMERS = 4
const PREFIX = 'scale-queue'

/** popAndStart + finish of n items, the consumers side by side. */
async function consume(ledgers, n) {
  let claimed = 0
  let finished = 0
  await Promise.all(
    ledgers.map(async (ledger) => {
      const q = ledger.queue('big')
      while (claimed < n) {
        claimed++
        const item = await q.tryPopAndStart()
        if (!item) return
        await item.finish(null)
        finished++
      }
    }),
  )
  return finished
}

async function scenario({ admin, producer, consumers }, items, record) {
  const costs = (r) => `${r.serverUs.toFixed(1)} / ${r.clientUs.toFixed(1)}`
  const baseline = await settledMemory(admin)
  const q = producer.queue('big')
  const push = await measureOps(admin, items, () =>
    drive(items, 200, (i) => q.createAndPush({ i })),
  )
  const waiting = await settledMemory(admin)
  record(
    `createAndPush ${items.toLocaleString('en-US')} items, 200 in flight`,
    Math.round(push.rate),
    'items/s',
  )
  record('  Redis CPU / client CPU per push', costs(push), 'µs')
  record('Redis memory per waiting item (used_memory delta)', (waiting - baseline) / items, 'bytes')
  const popped = Math.min(items, POP)
  let finished = 0
  const pop = await measureOps(admin, popped, async () => {
    finished = await consume(consumers, popped)
  })
  if (finished !== popped || (await q.counts()).finished !== popped)
    throw new Error(`finished ${finished} of ${popped}`)
  const settled = await settledMemory(admin)
  record(
    `popAndStart + finish of ${popped.toLocaleString('en-US')}, ${CONSUMERS} consumers`,
    Math.round(pop.rate),
    'items/s',
  )
  record('  Redis CPU / client CPU per item', costs(pop), 'µs')
  record(
    'Redis memory per finished item, kept until cleaned or expired (more than waiting)',
    (settled - waiting) / popped,
    'bytes',
  )
  record('  the whole queue', (settled - baseline) / MiB, 'MiB')
  await producer.cleaner.purgeAll()
  await recordPurged(admin, baseline, record)
}

export async function run({ redisUrl, admin, record }) {
  const producer = createLedger({ redis: redisUrl, prefix: PREFIX })
  const consumers = Array.from({ length: CONSUMERS }, () =>
    createLedger({ redis: redisUrl, prefix: PREFIX }),
  )
  const ctx = { admin, producer, consumers }
  try {
    await afterWarmUp((size, rec) => scenario(ctx, size, rec), ITEMS, record)
  } finally {
    await Promise.all([producer, ...consumers].map((ledger) => ledger.close()))
  }
}
