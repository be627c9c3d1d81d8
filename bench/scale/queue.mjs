// A queue of SCALE_QUEUE_ITEMS items (default 1,000,000): createAndPush of all of them (200 in
// flight), then popAndStart + finish by 4 consumers, each a ledger on its own connection;
// memory per waiting and per finished item, then the queue purged and the memory back to its
// baseline.
import { createLedger } from '../../dist/index.js'
import { drive, measureOps } from '../lib/measure.mjs'
import { MiB, settledMemory } from './memory.mjs'

export const title = 'a queue of a million items'

const ITEMS = Number(process.env.SCALE_QUEUE_ITEMS ?? 1_000_000)
const CONSUMERS = 4
const PREFIX = 'scale-queue'

async function consume(ledgers) {
  let finished = 0
  await Promise.all(
    ledgers.map(async (ledger) => {
      const q = ledger.queue('big')
      for (;;) {
        const item = await q.tryPopAndStart()
        if (!item) return
        await item.finish(null)
        finished++
      }
    }),
  )
  return finished
}

export async function run({ redisUrl, admin, record }) {
  const producer = createLedger({ redis: redisUrl, prefix: PREFIX })
  const consumers = Array.from({ length: CONSUMERS }, () =>
    createLedger({ redis: redisUrl, prefix: PREFIX }),
  )
  const costs = (r) => `${r.serverUs.toFixed(1)} / ${r.clientUs.toFixed(1)}`
  try {
    const baseline = await settledMemory(admin)
    const q = producer.queue('big')
    const push = await measureOps(admin, ITEMS, () =>
      drive(ITEMS, 200, (i) => q.createAndPush({ i })),
    )
    const waiting = await settledMemory(admin)
    record(
      `createAndPush ${ITEMS.toLocaleString('en-US')} items, 200 in flight`,
      Math.round(push.rate),
      'items/s',
    )
    record('  Redis CPU / client CPU per push', costs(push), 'µs')
    record(
      'Redis memory per waiting item (used_memory delta)',
      (waiting - baseline) / ITEMS,
      'bytes',
    )
    let finished = 0
    const pop = await measureOps(admin, ITEMS, async () => {
      finished = await consume(consumers)
    })
    if (finished !== ITEMS || (await q.counts()).finished !== ITEMS)
      throw new Error(`finished ${finished} of ${ITEMS}`)
    const settled = await settledMemory(admin)
    record(`popAndStart + finish, ${CONSUMERS} consumers`, Math.round(pop.rate), 'items/s')
    record('  Redis CPU / client CPU per item', costs(pop), 'µs')
    record(
      'Redis memory per finished item, kept until cleaned or expired',
      (settled - baseline) / ITEMS,
      'bytes',
    )
    record('  all finished items', (settled - baseline) / MiB, 'MiB')
    await producer.cleaner.purgeAll()
    const after = await settledMemory(admin)
    record('Redis memory: baseline / after purge', `${baseline} / ${after}`, 'bytes')
    record('  left after purge', after - baseline, 'bytes')
  } finally {
    await Promise.all([producer, ...consumers].map((ledger) => ledger.close()))
  }
}
