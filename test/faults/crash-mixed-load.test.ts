// Redis-only: redis-server killed with SIGKILL (AOF appendfsync always) and restarted on the
// same data dir while jobs, batches, stages, a queue and status counters are written from
// several connections at once. After each trial: every acknowledged write is there, each
// job's "last" reached one caller, nothing doubled, no call outlived its bound, no unhandled
// rejection. `npm run test:faults` runs 20 trials; `npm test` one.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StagedJobPayload } from '../../src/facades/stage-payload.js'
import { createLedger, isCallbackPayload, type Ledger } from '../../src/index.js'
import { type DurableRedis, startDurableRedisServer } from '../../src/testing/redis-server.js'
import { eventually } from '../../src/testing/wait.js'
import { Tally } from '../support/fault-load.js'
import {
  type Load,
  queueTraffic,
  racedJobs,
  stagePipeline,
  statusIncrements,
  trackedBatches,
} from '../support/fault-load-units.js'
import { FAULT_TRIALS, summarize } from '../support/fault-tools.js'

const COMMAND_TIMEOUT_MS = 1_000
/**
 * The longest one call may take: a facade call makes at most a few store writes, each at most
 * 3 attempts of the command timeout (plus connecting) with at most 1 s of backoff between.
 */
const CALL_BOUND_MS = 4 * (3 * (COMMAND_TIMEOUT_MS + 500) + 1_500)
const CONNECTIONS = 4
/** The kinds of load of a trial: jobs, batches, stages, status, queue. */
const LOADS = 5

let redis: DurableRedis
let dir: string
const unhandled: unknown[] = []
const onUnhandled = (reason: unknown) => unhandled.push(reason)
const trials: Record<string, number>[] = []

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jobledger-mixed-'))
  redis = await startDurableRedisServer(dir)
  process.on('unhandledRejection', onUnhandled)
})

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled)
  await redis.stop()
  await rm(dir, { recursive: true, force: true })
  if (!process.env.FAULT_TRIALS) return
  const keys = Object.keys(trials[0] ?? {})
  const totals = Object.fromEntries(keys.map((k) => [k, trials.reduce((s, t) => s + t[k]!, 0)]))
  console.info(`mixed-load kill -9: ${trials.length} trials, totals ${JSON.stringify(totals)}`)
  for (const key of ['downMs', 'restartMs', 'firstAckAfterRestartMs', 'trialMs'])
    console.info(`  ${key}: ${JSON.stringify(summarize(trials.map((t) => t[key]!)))}`)
})

function ledgersFor(prefix: string, dispatched: StagedJobPayload[]): Ledger[] {
  return Array.from({ length: CONNECTIONS + 1 }, () =>
    createLedger({
      redis: redis.url,
      prefix,
      connection: { commandTimeoutMs: COMMAND_TIMEOUT_MS },
      keepCompletedMs: 600_000,
      dispatch: (payload) => {
        if (!isCallbackPayload(payload)) dispatched.push(payload)
      },
    }),
  )
}

/** Kills Redis once the load is under way (every kind still running), restarts it later. */
async function crashDuring(tally: Tally, running: () => number) {
  const threshold = 30 + Math.floor(Math.random() * 120)
  await eventually(() => tally.acknowledged >= threshold, 'the load is under way')
  expect(running(), 'kinds of load still running at the kill').toBe(LOADS)
  const downMs = Math.round(50 + Math.random() * 1_200)
  await redis.kill()
  await new Promise((resolve) => setTimeout(resolve, downMs))
  const restarting = performance.now()
  await redis.restart()
  const restartMs = performance.now() - restarting
  const before = tally.acknowledged
  await eventually(() => tally.acknowledged > before || running() === 0, 'a write is acknowledged')
  return { downMs, restartMs, firstAckAfterRestartMs: performance.now() - restarting - restartMs }
}

async function trial(): Promise<Record<string, number>> {
  const started = performance.now()
  const prefix = `mixed${Math.random().toString(36).slice(2, 8)}`
  const dispatched: StagedJobPayload[] = []
  const ledgers = ledgersFor(prefix, dispatched)
  const checker = ledgers.pop()!
  const loads: Load[] = [
    racedJobs(3, 120),
    trackedBatches(16, 20),
    stagePipeline(60, dispatched),
    statusIncrements(2, 60),
    queueTraffic(60),
  ]
  const tally = new Tally(CALL_BOUND_MS)
  try {
    for (const load of loads) await load.prepare(checker)
    let stillRunning = loads.length
    const failures: unknown[] = []
    const running = Promise.all(
      loads.map((load) =>
        load
          .run(ledgers, tally)
          .catch((error: unknown) => {
            failures.push(error)
            throw error
          })
          .finally(() => {
            stillRunning--
            if (process.env.FAULT_DEBUG)
              console.info(`${load.name} done after ${Math.round(performance.now() - started)} ms`)
          }),
      ),
    )
    running.catch(() => {}) // awaited below; a failure must not count as unhandled meanwhile
    const crash = await crashDuring(tally, () => {
      if (failures.length > 0) throw failures[0]
      return stillRunning
    })
    await running
    let writesChecked = 0
    for (const load of loads) writesChecked += await load.check(checker, tally)
    expect(tally.hangs, 'calls slower than their bound (ms)').toEqual([])
    expect(unhandled).toEqual([])
    return {
      ...crash,
      acknowledged: tally.acknowledged,
      ambiguous: tally.ambiguous,
      refused: tally.refused,
      repeatedWithOpId: tally.repeatedWithOpId,
      leasesLost: tally.leasesLost,
      writesChecked,
      trialMs: performance.now() - started,
    }
  } finally {
    await Promise.all([...ledgers, checker].map((ledger) => ledger.close()))
  }
}

describe('redis-server killed under mixed load', () => {
  for (let n = 1; n <= FAULT_TRIALS; n++) {
    it(`trial ${n}: loses no acknowledged write, tells "last" once, doubles nothing`, async () => {
      trials.push(await trial())
    })
  }
})
