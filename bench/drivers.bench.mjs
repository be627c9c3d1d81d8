// done() through the two Redis drivers, side by side in the same run: ioredis (the default for
// a URL) and node-redis (`redisDriver: 'node-redis'`), both on connections the ledger opens from
// the URL, rounds interleaved and their order alternated. DRIVERS_BENCH_OPS parts per round
// (default 6,000), DRIVERS_BENCH_ROUNDS rounds (default 3).
import { createLedger } from '../dist/index.js'
import { drive, timed } from './lib/measure.mjs'

export const title = 'Redis drivers: done() on ioredis vs node-redis'

const OPS = Number(process.env.DRIVERS_BENCH_OPS ?? 6_000)
const ROUNDS = Number(process.env.DRIVERS_BENCH_ROUNDS ?? 3)
const DRIVERS = ['ioredis', 'node-redis']

/** Seconds for `connections` ledgers of one driver to settle OPS parts of a fresh job. */
async function doneRound(ledgers, token, inFlight) {
  const job = ledgers[0].job(token)
  await job.pushInBatches(
    Array.from({ length: OPS }, (_, i) => i),
    { batchSize: OPS },
    () => {},
  )
  const per = OPS / ledgers.length
  const jobs = ledgers.map((ledger) => ledger.job(token))
  const seconds = await timed(() =>
    Promise.all(jobs.map((j, c) => drive(per, inFlight, (i) => j.done(c * per + i)))),
  )
  if (!(await job.isFinished())) throw new Error(`${token} did not finish`)
  return seconds
}

async function compare(redisUrl, connections, inFlight) {
  const ledgers = Object.fromEntries(
    DRIVERS.map((redisDriver) => [
      redisDriver,
      Array.from({ length: connections }, () =>
        createLedger({ redis: redisUrl, redisDriver, prefix: 'bench-drivers' }),
      ),
    ]),
  )
  const seconds = { ioredis: 0, 'node-redis': 0 }
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? DRIVERS : [...DRIVERS].reverse()
    for (const driver of order) {
      const token = `d-${driver}-${connections}-${inFlight}-${round}`
      seconds[driver] += await doneRound(ledgers[driver], token, inFlight)
    }
  }
  await Promise.all(
    Object.values(ledgers)
      .flat()
      .map((ledger) => ledger.close()),
  )
  const total = OPS * ROUNDS
  return { ioredis: total / seconds.ioredis, nodeRedis: total / seconds['node-redis'] }
}

export async function run({ redisUrl, record }) {
  for (const [connections, inFlight] of [
    [1, 1],
    [1, 64],
    [8, 16],
  ]) {
    const { ioredis, nodeRedis } = await compare(redisUrl, connections, inFlight)
    const label = `${connections} connection${connections > 1 ? 's' : ''}, ${inFlight} in flight each`
    record(`done() ioredis, ${label}`, Math.round(ioredis), 'ops/s')
    record(`done() node-redis, ${label}`, Math.round(nodeRedis), 'ops/s')
    record(`ratio node-redis/ioredis, ${label}`, nodeRedis / ioredis, 'x')
  }
}
