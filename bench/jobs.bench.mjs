// Distributed jobs on Redis: done() against a raw SREM on the same connection, in the same
// run; the server's own CPU per done() against an empty EVALSHA and the commands a done()
// runs (INFO cpu / INFO commandstats); and pushEach throughput with the server memory each
// part costs.
import { Redis } from 'ioredis'
import { createLedger } from '../dist/index.js'
import {
  commandCalls,
  drive,
  innerCommandsBetween,
  interleaved,
  measureOps,
  median,
  scriptUsec,
  spread,
  timed,
  usedMemory,
} from './lib/measure.mjs'

export const title = 'Distributed jobs (Redis)'

// Calls per round with calls in flight (JOBS_BENCH_OPS, default 20,000); a quarter of that
// with one call in flight on each connection, where each call waits for its reply.
// pushEach of JOBS_BENCH_PUSH_EACH parts (default 200,000; bench/scale pushes ten million).
const OPS = Number(process.env.JOBS_BENCH_OPS ?? 20_000)
const ROUNDS = Number(process.env.JOBS_BENCH_ROUNDS ?? 3)

/** A job with parts [0, n) pushed, on `ledger`. */
async function pushedJob(ledger, name, n) {
  const job = ledger.job(name)
  await job.pushInBatches(
    Array.from({ length: n }, (_, i) => i),
    { batchSize: n },
    () => {},
  )
  return job
}

/** A raw set holding the members "0".."n-1". */
async function filledSet(client, key, n) {
  for (let i = 0; i < n; i += 10_000) {
    const members = []
    for (let m = i; m < Math.min(n, i + 10_000); m++) members.push(String(m))
    await client.sadd(key, ...members)
  }
  return key
}

/**
 * done() against a raw SREM, `connections` auto-pipelined connections with `inFlight` calls
 * in flight on each, interleaved rounds: rate, server CPU and client CPU per call, medians.
 */
async function doneVersusSrem(redisUrl, connections, inFlight) {
  const clients = Array.from(
    { length: connections },
    () => new Redis(redisUrl, { enableAutoPipelining: true }),
  )
  const admin = new Redis(redisUrl)
  const ledgers = clients.map((client) => createLedger({ redis: client, prefix: 'bench' }))
  const ops = inFlight === 1 ? OPS / 4 : OPS
  const per = ops / connections
  try {
    return await interleaved(ROUNDS, {
      done: async (round) => {
        const job = await pushedJob(ledgers[0], `done-${connections}-${inFlight}-${round}`, ops)
        const jobs = ledgers.map((ledger) => ledger.job(job.token))
        const result = await measureOps(admin, ops, () =>
          Promise.all(jobs.map((j, c) => drive(per, inFlight, (i) => j.done(c * per + i)))),
        )
        if (!(await job.isFinished())) throw new Error('job did not finish')
        return result
      },
      srem: async (round) => {
        const key = await filledSet(
          clients[0],
          `bench:raw:{s${connections}-${inFlight}-${round}}`,
          ops,
        )
        return measureOps(admin, ops, () =>
          Promise.all(
            clients.map((client, c) =>
              drive(per, inFlight, (i) => client.srem(key, String(c * per + i))),
            ),
          ),
        )
      },
    })
  } finally {
    await Promise.all(ledgers.map((ledger) => ledger.close()))
    await Promise.all([...clients, admin].map((client) => client.quit()))
  }
}

/**
 * Server CPU per operation, 64 calls in flight on one auto-pipelined connection: done(), an
 * empty EVALSHA (`return 1`, the floor of any script call) and a raw SREM, in interleaved
 * rounds (the first one a warm-up), median of the rounds. Also the commands each done() ran,
 * from INFO commandstats.
 */
async function serverCost(redisUrl, record, goal) {
  const client = new Redis(redisUrl, { enableAutoPipelining: true })
  const admin = new Redis(redisUrl)
  client.defineCommand('benchEmpty', { numberOfKeys: 1, lua: 'return 1' })
  const ledger = createLedger({ redis: client, prefix: 'bench' })
  const commands = []
  const skipWarmUp = (fn) => async (round) => {
    const before = await scriptUsec(admin)
    const result = await fn(round)
    const execUs = ((await scriptUsec(admin)) - before) / OPS
    return round === 0 ? {} : { ...result, execUs }
  }
  try {
    const cost = await interleaved(ROUNDS + 1, {
      done: skipWarmUp(async (round) => {
        const job = await pushedJob(ledger, `cpu-${round}`, OPS)
        const calls = await commandCalls(admin)
        const result = await measureOps(admin, OPS, () => drive(OPS, 64, (i) => job.done(i)))
        commands.push(innerCommandsBetween(calls, await commandCalls(admin)) / OPS)
        if (!(await job.isFinished())) throw new Error('job did not finish')
        return result
      }),
      empty: skipWarmUp(() =>
        measureOps(admin, OPS, () => drive(OPS, 64, () => client.benchEmpty('bench:raw:{e}'))),
      ),
      srem: skipWarmUp(async (round) => {
        const key = await filledSet(client, `bench:raw:{cpu${round}}`, OPS)
        return measureOps(admin, OPS, () => drive(OPS, 64, (i) => client.srem(key, String(i))))
      }),
    })
    const { done, empty, srem } = cost
    record('Redis CPU per done() (INFO cpu, 64 in flight)', done.serverUs, 'µs')
    record('Redis CPU per empty EVALSHA (return 1)', empty.serverUs, 'µs')
    record('Redis CPU per raw SREM', srem.serverUs, 'µs')
    record('ratio Redis CPU done()/empty EVALSHA', done.serverUs / empty.serverUs, 'x')
    record('  time inside the script (commandstats usec, wall clock): done()', done.execUs, 'µs')
    record('  time inside the script: empty EVALSHA', empty.execUs, 'µs')
    record('  ratio of the times inside the scripts', done.execUs / empty.execUs, 'x')
    record('commands run per done() (INFO commandstats)', median(commands), '')
    record('client CPU per done() (process.cpuUsage)', done.clientUs, 'µs')
    record('client CPU per raw SREM', srem.clientUs, 'µs')
    goal('done-cpu-empty', {
      value: done.serverUs / empty.serverUs,
      ours: { name: 'done()', ...done },
      reference: { name: 'empty EVALSHA', ...empty },
    })
  } finally {
    await ledger.close()
    await client.quit()
    await admin.quit()
  }
}

async function pushEachMillion(redisUrl, record) {
  const PARTS = Number(process.env.JOBS_BENCH_PUSH_EACH ?? 200_000)
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
    `pushEach ${PARTS.toLocaleString('en-US')} parts (callback per part, no-op)`,
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

export async function run({ redisUrl, record, goal }) {
  await serverCost(redisUrl, record, goal)
  if (process.env.JOBS_BENCH_CPU_ONLY) return
  for (const [connections, inFlight] of [
    [1, 1],
    [1, 64],
    [8, 16],
  ]) {
    const { done, srem } = await doneVersusSrem(redisUrl, connections, inFlight)
    const label = `${connections} connection${connections > 1 ? 's' : ''}, ${inFlight} in flight each`
    record(`done() ${label} (median; rounds ${spread(done.rates)})`, Math.round(done.rate), 'ops/s')
    record(
      `raw SREM ${label} (median; rounds ${spread(srem.rates)})`,
      Math.round(srem.rate),
      'ops/s',
    )
    record(`ratio done/SREM ${label}`, done.rate / srem.rate, 'x')
    record(
      '  Redis CPU per done() / per SREM',
      `${fmtUs(done.serverUs)} / ${fmtUs(srem.serverUs)}`,
      'µs',
    )
    record(
      '  client CPU per done() / per SREM',
      `${fmtUs(done.clientUs)} / ${fmtUs(srem.clientUs)}`,
      'µs',
    )
    if (connections === 1)
      goal(`done-srem-${inFlight}`, {
        value: done.rate / srem.rate,
        ours: { name: 'done()', ...done },
        reference: { name: 'SREM', ...srem },
      })
  }
  await pushEachMillion(redisUrl, record)
}

function fmtUs(value) {
  return value.toFixed(2)
}
