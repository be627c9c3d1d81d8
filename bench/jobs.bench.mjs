// Distributed jobs on Redis: done() against a raw SREM on the same connection, in the same
// run, and pushEach throughput with the server memory each part costs.
import { Redis } from 'ioredis'
import { createLedger } from '../dist/index.js'

export const title = 'Distributed jobs (Redis)'

const OPS = 40_000
const ROUNDS = 4

async function timed(fn) {
  const start = process.hrtime.bigint()
  await fn()
  return Number(process.hrtime.bigint() - start) / 1e9
}

/** Runs `op(i)` for i in [0, n) with at most `inFlight` calls pending at once. */
async function drive(n, inFlight, op) {
  let next = 0
  const lane = async () => {
    while (next < n) await op(next++)
  }
  await Promise.all(Array.from({ length: inFlight }, lane))
}

async function doneVersusSrem(redisUrl, connections, inFlight) {
  const clients = Array.from(
    { length: connections },
    () => new Redis(redisUrl, { enableAutoPipelining: true }),
  )
  const ledgers = clients.map((client) => createLedger({ redis: client, prefix: 'bench' }))
  let doneSeconds = 0
  let sremSeconds = 0
  for (let round = 0; round < ROUNDS; round++) {
    const job = ledgers[0].job(`done-${connections}-${inFlight}-${round}`)
    const parts = Array.from({ length: OPS }, (_, i) => i)
    await job.pushInBatches(parts, { batchSize: OPS }, () => {})
    const setKey = `bench:raw:{s${round}}`
    for (let i = 0; i < OPS; i += 10_000) {
      await clients[0].sadd(setKey, ...parts.slice(i, i + 10_000).map(String))
    }
    const per = OPS / connections
    const jobs = ledgers.map((ledger) => ledger.job(job.token))
    const runDone = () =>
      Promise.all(jobs.map((j, c) => drive(per, inFlight, (i) => j.done(c * per + i))))
    const runSrem = () =>
      Promise.all(
        clients.map((client, c) =>
          drive(per, inFlight, (i) => client.srem(setKey, String(c * per + i))),
        ),
      )
    if (round % 2 === 0) {
      doneSeconds += await timed(runDone)
      sremSeconds += await timed(runSrem)
    } else {
      sremSeconds += await timed(runSrem)
      doneSeconds += await timed(runDone)
    }
    if (!(await job.isFinished())) throw new Error('job did not finish')
  }
  await Promise.all(ledgers.map((ledger) => ledger.close()))
  await Promise.all(clients.map((client) => client.quit()))
  const total = OPS * ROUNDS
  return { done: total / doneSeconds, srem: total / sremSeconds }
}

async function usedMemory(client) {
  const info = await client.info('memory')
  return Number(/used_memory:(\d+)/.exec(info)[1])
}

async function pushEachMillion(redisUrl, record) {
  const PARTS = 1_000_000
  const admin = new Redis(redisUrl)
  const ledger = createLedger({ redis: redisUrl, prefix: 'bench' })
  const before = await usedMemory(admin)
  let callbacks = 0
  function* items() {
    for (let i = 0; i < PARTS; i++) yield i
  }
  const job = ledger.job('push-each-million')
  const seconds = await timed(() => job.pushEach(items(), () => callbacks++))
  const after = await usedMemory(admin)
  if (callbacks !== PARTS || (await job.count()) !== PARTS) throw new Error('pushEach lost parts')
  record(
    'pushEach 1,000,000 parts (callback per part, no-op)',
    Math.round(PARTS / seconds),
    'parts/s',
  )
  record(
    'Redis memory per open part (INFO used_memory delta)',
    (after - before) / PARTS,
    'bytes/part',
  )
  await ledger.close()
  await admin.quit()
}

export async function run({ redisUrl, record }) {
  for (const [connections, inFlight] of [
    [1, 1],
    [1, 64],
    [8, 1],
    [8, 16],
  ]) {
    const { done, srem } = await doneVersusSrem(redisUrl, connections, inFlight)
    const label = `${connections} connection${connections > 1 ? 's' : ''}, ${inFlight} in flight each`
    record(`done() ${label}`, Math.round(done), 'ops/s')
    record(`raw SREM ${label}`, Math.round(srem), 'ops/s')
    record(`ratio done/SREM ${label}`, done / srem, 'x')
  }
  await pushEachMillion(redisUrl, record)
}
