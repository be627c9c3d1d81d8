#!/usr/bin/env node
// Variants of the queue scripts side by side on one private redis-server: the server's cost per
// resource, where a resource is one create-and-push and one settle-item that pops the next item
// (what a q.process() consumer runs per item). Each variant has a queue of its own; a round
// pushes OPS items (64 in flight on one auto-pipelined connection), starts 64 of them with
// pop-and-start and settles every item with pop-next in 64 chains. Interleaved rounds, medians,
// and the median of each round's ratio to the baseline. The figures: Redis CPU (INFO cpu) and
// the time inside EVALSHA (INFO commandstats) per resource, or with QUEUE_VARIANTS_COUNT=1 the
// instructions the server ran per resource, all and inside EVALSHA (callgrind: slow, but the
// same under any load). `baseline` is the three scripts as generated at QUEUE_VARIANTS_BEFORE
// (a commit); each cut (queue-script-cuts.mjs) edits that text, allCuts applies all of them,
// `built` is the scripts as built now. The probes are not valid scripts: they price a trim and
// a command. Usage: npm run build && node bench/experiments/queue-script-variants.mjs [variant ...]
// QUEUE_VARIANTS_OPS (default 10,000) and QUEUE_VARIANTS_ROUNDS (default 5) set the sizes.
import { execFileSync } from 'node:child_process'
import { loadavg } from 'node:os'
import { Redis } from 'ioredis'
import { SCRIPTS } from '../../dist/stores/redis/scripts.generated.js'
import { startRedisServer } from '../../dist/testing/redis-server.js'
import { drive, measureOps, median, scriptUsec } from '../lib/measure.mjs'
import { startCallgrindServer } from './callgrind-server.mjs'
import { CUTS, PROBES } from './queue-script-cuts.mjs'

const OPS = Number(process.env.QUEUE_VARIANTS_OPS ?? 10_000)
const ROUNDS = Number(process.env.QUEUE_VARIANTS_ROUNDS ?? 5)
const IN_FLIGHT = 64
// The queues' retainMs: the default keeps every item past the run; a short one (e.g. 20) makes
// settles trim the items whose retention ended as they go, as on a queue older than its retainMs.
const RETAIN_MS = Number(process.env.QUEUE_VARIANTS_RETAIN_MS ?? 86_400_000)
// QUEUE_VARIANTS_PIN=1: this process on CPU 0 and the server on CPU 1 (taskset), so that the
// two do not take turns on one core mid-script; it lowers the noise, not the CPU measured.
const PIN = process.env.QUEUE_VARIANTS_PIN === '1'
// QUEUE_VARIANTS_COUNT=1: the server runs under callgrind and each figure is its instruction
// count per resource instead (load-independent; the server runs ~50x slower, so small OPS).
const COUNT = process.env.QUEUE_VARIANTS_COUNT === '1'
// The cuts edit the scripts as they were before any was made (QUEUE_VARIANTS_BEFORE, a commit);
// `built` is the scripts as built now (dist).
const BEFORE = process.env.QUEUE_VARIANTS_BEFORE ?? '6047bb9'
const BASE = scriptsAt(BEFORE)
const BUILT = {
  push: SCRIPTS.createAndPush.lua,
  pop: SCRIPTS.popAndStart.lua,
  settle: SCRIPTS.settleItem.lua,
  queueJson: true,
}

/** The three scripts' Lua as generated at commit `rev`. */
function scriptsAt(rev) {
  const generated = execFileSync('git', [
    'show',
    `${rev}:src/stores/redis/scripts.generated.ts`,
  ]).toString()
  const lua = (name) =>
    JSON.parse(
      new RegExp(`name: "${name}",\\n[^\\n]*\\n[^\\n]*\\n\\s*lua: (".*"),\\n`).exec(generated)[1],
    )
  return { push: lua('create-and-push'), pop: lua('pop-and-start'), settle: lua('settle-item') }
}

/** Applies `edits` ({script: [[from, to], ...]}) to the scripts; every `from` must occur. */
function edited(scripts, edits) {
  const out = { ...scripts }
  for (const [script, pairs] of Object.entries(edits)) {
    if (script === 'queueJson') {
      out.queueJson = pairs
      continue
    }
    for (const [from, to] of typeof pairs === 'function' ? pairs(out[script]) : pairs) {
      if (!out[script].includes(from)) throw new Error(`${script}: edit does not match ${from}`)
      out[script] = out[script].split(from).join(to)
    }
  }
  return out
}

function variants() {
  const all = { baseline: () => BASE }
  for (const [name, edits] of Object.entries(CUTS)) all[name] = () => edited(BASE, edits)
  all.allCuts = () => Object.values(CUTS).reduce(edited, BASE)
  all.built = () => BUILT
  for (const [name, edits] of Object.entries(PROBES)) all[name] = () => edited(BASE, edits)
  const wanted = process.argv.slice(2)
  const names = wanted.length === 0 ? Object.keys(all) : ['baseline', ...wanted]
  return Object.fromEntries(names.map((name) => [name, all[name]()]))
}

const queueKeys = (name) =>
  ['meta', 'items', 'data', 'outcome', 'waiting', 'running', 'finished', 'failed', 'signal'].map(
    (key) => `qv:{${name}}:${key}`,
  )

function side(client, admin, counter, name, keys, queueJson) {
  // A variant with `queueJson` takes the queue name JSON-encoded, as the store would pass it.
  const event = [`qv:{${name}}:events`, queueJson ? JSON.stringify(name) : name]
  const push = (op) =>
    client[`${name}Push`](...keys, '', op, '{"n":1}', ...event, 30_000, RETAIN_MS, 3)
  const pop = (op) => client[`${name}Pop`](...keys, '', op, ...event)
  const settle = (op, id) =>
    client[`${name}Settle`](...keys, '', op, id, 'finished', '{"ok":true}', '', ...event, '1')
  const phase = async (fn) => {
    if (counter) {
      counter.instructions()
      await fn()
      const { total, scripts } = counter.instructions()
      return { serverUs: total / OPS / 1000, scriptUs: scripts / OPS / 1000 }
    }
    const before = await scriptUsec(admin)
    const measured = await measureOps(admin, OPS, fn)
    return { ...measured, scriptUs: ((await scriptUsec(admin)) - before) / OPS }
  }
  return async (round) => {
    const tag = `r${round}.`.padEnd(8, '.')
    const pushed = await phase(() =>
      drive(OPS, IN_FLIGHT, (i) => push(`${tag}p${i}`.padEnd(16, '.'))),
    )
    let settles = 0
    const settled = await phase(() =>
      drive(IN_FLIGHT, IN_FLIGHT, async (lane) => {
        const first = await pop(`${tag}s${lane}`.padEnd(16, '.'))
        if (first[0] !== 1) throw new Error(`${name}: pop found nothing`)
        let id = first[1]
        while (id !== undefined) {
          const reply = await settle(`${tag}f${settles++}`.padEnd(16, '.'), id)
          if (reply[0] !== 1) throw new Error(`${name}: settle answered ${reply}`)
          id = reply[5]
        }
      }),
    )
    if (settles !== OPS) throw new Error(`${name}: ${settles} settles for ${OPS} pushes`)
    return {
      serverUs: pushed.serverUs + settled.serverUs,
      scriptUs: pushed.scriptUs + settled.scriptUs,
      pushUs: pushed.serverUs,
      settleUs: settled.serverUs,
    }
  }
}

function pinServer(pid) {
  execFileSync('taskset', ['-p', '-c', '0', String(process.pid)])
  execFileSync('taskset', ['-p', '-c', '1', String(pid)])
}

/** One push, pop and settle, so that every script is loaded before the first round. */
async function warmUp(client, name, keys) {
  const event = [`qv:{${name}}:events`, name]
  await client[`${name}Push`](...keys, '', 'warm', '{}', ...event, 30_000, RETAIN_MS, 3)
  const [, id] = await client[`${name}Pop`](...keys, '', 'warm', ...event)
  await client[`${name}Settle`](...keys, '', 'warm', id, 'finished', '{}', '', ...event, '1')
}

/** Rounds of every side, in order on even rounds and reversed on odd ones: every figure. */
async function rounds(sides) {
  const names = Object.keys(sides)
  const all = Object.fromEntries(names.map((name) => [name, []]))
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse()
    for (const name of order) all[name].push(await sides[name](round))
  }
  return all
}

/** Medians of a side's figures, and the median of its per-round ratio to the baseline's. */
function summary(runs, base) {
  const of = (key) => median(runs.map((r) => r[key]))
  const ratio = (key) => median(runs.map((r, i) => r[key] / base[i][key]))
  return {
    serverUs: of('serverUs'),
    scriptUs: of('scriptUs'),
    pushUs: of('pushUs'),
    settleUs: of('settleUs'),
    serverRatio: ratio('serverUs'),
    scriptRatio: ratio('scriptUs'),
  }
}

const redis = COUNT ? await startCallgrindServer() : await startRedisServer([])
const counter = COUNT ? redis : null
const admin = new Redis(redis.url)
const client = new Redis(redis.url, { enableAutoPipelining: true })
try {
  if (PIN) pinServer(Number(/process_id:(\d+)/.exec(await admin.info('server'))[1]))
  const sides = {}
  for (const [name, scripts] of Object.entries(variants())) {
    client.defineCommand(`${name}Push`, { numberOfKeys: 9, lua: scripts.push })
    client.defineCommand(`${name}Pop`, { numberOfKeys: 9, lua: scripts.pop })
    client.defineCommand(`${name}Settle`, { numberOfKeys: 9, lua: scripts.settle })
    sides[name] = side(client, admin, counter, name, queueKeys(name), scripts.queueJson)
    await warmUp(client, name, queueKeys(name))
  }
  const started = new Date().toISOString()
  const runs = await rounds(sides)
  console.log(
    `${started}, ${ROUNDS} rounds of ${OPS}, retainMs ${RETAIN_MS}, pinned: ${PIN}, load average ${loadavg()
      .map((n) => n.toFixed(2))
      .join(', ')}`,
  )
  const figure = COUNT ? 'thousand instructions' : 'Redis CPU µs'
  console.log(
    `variant        ${figure}/resource (push, settle+pop)  vs baseline | in scripts  vs baseline`,
  )
  const pct = (ratio) => `${((ratio - 1) * 100).toFixed(1)}%`.padStart(7)
  for (const [name, r] of Object.entries(runs)) {
    const s = summary(r, runs.baseline)
    console.log(
      `${name.padEnd(14)} ${s.serverUs.toFixed(2).padStart(6)} (${s.pushUs.toFixed(2)}, ${s.settleUs.toFixed(2)})` +
        `  ${pct(s.serverRatio)}` +
        ` | ${s.scriptUs.toFixed(2).padStart(6)}  ${pct(s.scriptRatio)}`,
    )
  }
} finally {
  await client.quit()
  await admin.quit()
  await redis.stop()
}
