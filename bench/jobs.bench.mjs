// Distributed jobs on Redis: done() against a raw SREM on the same connection, in the same
// run; the server's own CPU per done() against an empty EVALSHA and the commands a done()
// runs (INFO cpu / INFO commandstats); and pushEach throughput with the server memory each
// part costs.
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

/** The server's own CPU time in µs (INFO cpu, main thread, user + sys). */
async function serverCpu(admin) {
  const info = await admin.info('cpu')
  const user = Number(/used_cpu_user_main_thread:([\d.]+)/.exec(info)[1])
  const sys = Number(/used_cpu_sys_main_thread:([\d.]+)/.exec(info)[1])
  return (user + sys) * 1e6
}

/** Calls per command name so far (INFO commandstats; commands a script runs count too). */
async function commandCalls(admin) {
  const calls = new Map()
  for (const [, name, n] of (await admin.info('commandstats')).matchAll(
    /cmdstat_([a-z|]+):calls=(\d+)/g,
  ))
    calls.set(name, Number(n))
  return calls
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

/**
 * Server CPU per operation, 64 calls in flight on one auto-pipelined connection: done(), an
 * empty EVALSHA (`return 1`, the floor of any script call) and a raw SREM, in interleaved
 * rounds, median of the rounds. Also the commands each done() ran, from INFO commandstats.
 */
async function serverCost(redisUrl, record) {
  const client = new Redis(redisUrl, { enableAutoPipelining: true })
  const admin = new Redis(redisUrl)
  client.defineCommand('benchEmpty', { numberOfKeys: 1, lua: 'return 1' })
  const ledger = createLedger({ redis: client, prefix: 'bench' })
  const cost = { done: [], empty: [], srem: [] }
  const client_ = { done: [], srem: [] }
  let commands = null
  try {
    for (let round = 0; round < ROUNDS + 1; round++) {
      const job = ledger.job(`cpu-${round}`)
      const parts = Array.from({ length: OPS }, (_, i) => i)
      await job.pushInBatches(parts, { batchSize: OPS }, () => {})
      const setKey = `bench:raw:{cpu${round}}`
      for (let i = 0; i < OPS; i += 10_000)
        await client.sadd(setKey, ...parts.slice(i, i + 10_000).map(String))
      const runs = {
        done: () => drive(OPS, 64, (i) => job.done(i)),
        empty: () => drive(OPS, 64, () => client.benchEmpty('bench:raw:{e}')),
        srem: () => drive(OPS, 64, (i) => client.srem(setKey, String(i))),
      }
      const order = round % 2 === 0 ? ['done', 'empty', 'srem'] : ['srem', 'empty', 'done']
      for (const name of order) {
        const calls = name === 'done' ? await commandCalls(admin) : null
        const before = await serverCpu(admin)
        const clientBefore = process.cpuUsage()
        await runs[name]()
        const clientUsage = process.cpuUsage(clientBefore)
        const usec = (await serverCpu(admin)) - before
        if (round > 0) cost[name].push(usec / OPS)
        if (round > 0 && name in client_)
          client_[name].push((clientUsage.user + clientUsage.system) / OPS)
        if (calls) {
          const after = await commandCalls(admin)
          let inner = 0
          for (const [cmd, n] of after)
            if (!['evalsha', 'eval', 'info'].includes(cmd)) inner += n - (calls.get(cmd) ?? 0)
          commands = inner / OPS
        }
      }
      if (!(await job.isFinished())) throw new Error('job did not finish')
    }
  } finally {
    await ledger.close()
    await client.quit()
    await admin.quit()
  }
  const [done, empty, srem] = [median(cost.done), median(cost.empty), median(cost.srem)]
  record('Redis CPU per done() (INFO cpu, 64 in flight)', done, 'µs')
  record('Redis CPU per empty EVALSHA (return 1)', empty, 'µs')
  record('Redis CPU per raw SREM', srem, 'µs')
  record('ratio Redis CPU done()/empty EVALSHA', done / empty, 'x')
  record('commands run per done() (INFO commandstats)', commands, '')
  record('client CPU per done() (process.cpuUsage)', median(client_.done), 'µs')
  record('client CPU per raw SREM', median(client_.srem), 'µs')
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
  await serverCost(redisUrl, record)
  if (process.env.JOBS_BENCH_CPU_ONLY) return
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
