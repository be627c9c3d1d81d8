// Measurement helpers shared by the benches: timing, the server's own CPU and command counts
// (INFO cpu / commandstats / memory), the client's CPU, drivers for N calls with K in flight,
// and medians of interleaved rounds.

/** Seconds `fn` took. */
export async function timed(fn) {
  const start = process.hrtime.bigint()
  await fn()
  return Number(process.hrtime.bigint() - start) / 1e9
}

/** Runs `op(i)` for i in [0, n) with at most `inFlight` calls pending at once. */
export async function drive(n, inFlight, op) {
  let next = 0
  const lane = async () => {
    while (next < n) await op(next++)
  }
  await Promise.all(Array.from({ length: inFlight }, lane))
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** The server's own CPU time in µs (INFO cpu, main thread, user + sys). */
export async function serverCpu(admin) {
  const info = await admin.info('cpu')
  const user = Number(/used_cpu_user_main_thread:([\d.]+)/.exec(info)[1])
  const sys = Number(/used_cpu_sys_main_thread:([\d.]+)/.exec(info)[1])
  return (user + sys) * 1e6
}

/** Calls per command name so far (INFO commandstats; commands a script runs count too). */
export async function commandCalls(admin) {
  const calls = new Map()
  for (const [, name, n] of (await admin.info('commandstats')).matchAll(
    /cmdstat_([a-z|_-]+):calls=(\d+)/g,
  ))
    calls.set(name, Number(n))
  return calls
}

/**
 * µs the server spent inside EVALSHA and EVAL so far (INFO commandstats): a script's own run,
 * its inner commands included, without reading, parsing and replying. Wall clock, not CPU: on
 * a loaded machine it also counts the time the server was descheduled mid-script.
 */
export async function scriptUsec(admin) {
  let usec = 0
  for (const [, n] of (await admin.info('commandstats')).matchAll(
    /cmdstat_eval(?:sha)?:calls=\d+,usec=(\d+)/g,
  ))
    usec += Number(n)
  return usec
}

/** Calls of the named commands between two commandCalls() snapshots. */
export function callsBetween(before, after, names) {
  let calls = 0
  for (const name of names) calls += (after.get(name) ?? 0) - (before.get(name) ?? 0)
  return calls
}

/** Commands scripts ran between two snapshots: every command but the script calls and INFO. */
export function innerCommandsBetween(before, after) {
  let inner = 0
  for (const [name, n] of after)
    if (!['evalsha', 'eval', 'info'].includes(name)) inner += n - (before.get(name) ?? 0)
  return inner
}

export async function usedMemory(admin) {
  const info = await admin.info('memory')
  return Number(/used_memory:(\d+)/.exec(info)[1])
}

/**
 * Starts measuring; `stop(ops)` returns the rate and costs per operation since: ops/s, server
 * CPU µs/op (INFO cpu) and this process's CPU µs/op (process.cpuUsage).
 */
export async function startMeasure(admin) {
  const serverBefore = await serverCpu(admin)
  const clientBefore = process.cpuUsage()
  const start = process.hrtime.bigint()
  return async (ops) => {
    const seconds = Number(process.hrtime.bigint() - start) / 1e9
    const client = process.cpuUsage(clientBefore)
    const server = (await serverCpu(admin)) - serverBefore
    return {
      rate: ops / seconds,
      seconds,
      serverUs: server / ops,
      clientUs: (client.user + client.system) / ops,
    }
  }
}

/** Runs `fn` (which performs `ops` operations) and measures it as startMeasure does. */
export async function measureOps(admin, ops, fn) {
  const stop = await startMeasure(admin)
  await fn()
  return stop(ops)
}

/**
 * Interleaved rounds: round r runs every side once, in the given order on even rounds and
 * reversed on odd ones; `sides` maps a name to `async (round) => measureOps(...)`. Returns,
 * per side, the median of each figure (rate, serverUs, clientUs, …) and every round's rate.
 */
export async function interleaved(rounds, sides) {
  const names = Object.keys(sides)
  const results = Object.fromEntries(names.map((name) => [name, []]))
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse()
    for (const name of order) results[name].push(await sides[name](round))
  }
  return Object.fromEntries(names.map((name) => [name, summary(results[name])]))
}

/** The median of every numeric figure the rounds returned, and every round's rate. */
function summary(results) {
  const keys = new Set(results.flatMap((r) => Object.keys(r)))
  const medians = {}
  for (const key of keys) {
    const values = results.map((r) => r[key]).filter((v) => typeof v === 'number')
    if (values.length > 0) medians[key] = median(values)
  }
  return { ...medians, rates: results.map((r) => r.rate).filter((rate) => rate !== undefined) }
}

/** "min–max" of a list of rates, rounded. */
export function spread(rates) {
  const fmt = (n) => Math.round(n).toLocaleString('en-US')
  return `${fmt(Math.min(...rates))}–${fmt(Math.max(...rates))}`
}
