// Redis-only: worker processes (test/support/fault-worker.mjs, on the built library) killed
// with SIGKILL at named crash points, between a settling write and their next step; leases,
// redelivery and cleanupOrphans finish the work, nothing runs or is told "last" twice. The
// memory store lives in one process: there is no other process to recover the work.
import { type ChildProcess, fork } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { Ledger } from '../../src/index.js'
import { TestQueue, work } from '../../src/testing/conformance/stages-queue.js'
import { eventually } from '../../src/testing/wait.js'
import { useFaultFixture } from '../support/fault-fixture.js'
import { FAULT_TRIALS, summarize } from '../support/fault-tools.js'

const WORKER = fileURLToPath(new URL('../support/fault-worker.mjs', import.meta.url))
const LEASE_MS = 300
const f = useFaultFixture()

interface Arrival {
  at: string
  id?: string | null
  last?: boolean
}

/** Starts a worker that runs up to `point`, and SIGKILLs it there; answers what it reported. */
async function killedAt(prefix: string, point: string, extra: object): Promise<Arrival> {
  const config = { redis: f.redis.url, prefix, point, leaseMs: LEASE_MS, ...extra }
  const child: ChildProcess = fork(WORKER, [JSON.stringify(config)], { stdio: 'pipe' })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const exited = once(child, 'exit')
  try {
    const [message] = (await Promise.race([
      once(child, 'message'),
      exited.then(() => {
        throw new Error(`the worker exited before ${point}: ${stderr}`)
      }),
    ])) as [Arrival & { error?: string }]
    if (message.error !== undefined) throw new Error(`the worker failed: ${message.error}`)
    expect(message.at).toBe(point)
    return message
  } finally {
    child.kill('SIGKILL')
    await exited
    expect(child.signalCode).toBe('SIGKILL')
  }
}

function ledgerFor(queue?: TestQueue): { ledger: Ledger; prefix: string } {
  const prefix = `w${Math.random().toString(36).slice(2, 8)}`
  const options = { prefix, keepCompletedMs: 600_000, ...(queue ? queue.options : {}) }
  return { ledger: f.ledgerVia(f.redis.url, options), prefix }
}

/** Finishes every item of the queue as a surviving consumer, reclaiming expired leases. */
async function drainQueue(ledger: Ledger, name: string, items: number): Promise<number> {
  const queue = ledger.queue(name, { leaseMs: LEASE_MS })
  const started = performance.now()
  await eventually(async () => {
    await queue.reclaimExpired()
    const item = await queue.tryPopAndStart()
    if (item !== null) await item.finish({ by: 'survivor' })
    return (await queue.counts()).finished === items
  }, 'the surviving consumer finished every item')
  return performance.now() - started
}

const recoveries: Record<string, number[]> = {}
const trials = (name: string, run: () => Promise<number>) => {
  it(name, async () => {
    for (let trial = 0; trial < FAULT_TRIALS; trial++) {
      const ms = await run()
      recoveries[name] = [...(recoveries[name] ?? []), ms]
    }
    if (process.env.FAULT_TRIALS)
      console.info(`${name}: recovered in ${JSON.stringify(summarize(recoveries[name]!))} ms`)
  })
}

describe('worker SIGKILLed at a crash point', () => {
  trials('queue: after pop, before finish', async () => {
    const { ledger, prefix } = ledgerFor()
    const queue = ledger.queue('work', { leaseMs: LEASE_MS })
    for (const n of [1, 2, 3]) await queue.createAndPush({ n })
    const { id } = await killedAt(prefix, 'queue: after pop, before finish', { queue: 'work' })
    const ms = await drainQueue(ledger, 'work', 3)
    expect(await queue.get(id!)).toMatchObject({ state: 'finished', attempts: 2 })
    expect(await queue.counts()).toMatchObject({ waiting: 0, running: 0, finished: 3, failed: 0 })
    return ms
  })

  trials('queue: after finish, before the next pop', async () => {
    const { ledger, prefix } = ledgerFor()
    const queue = ledger.queue('work', { leaseMs: LEASE_MS })
    for (const n of [1, 2, 3]) await queue.createAndPush({ n })
    const point = 'queue: after finish, before the next pop'
    const { id } = await killedAt(prefix, point, { queue: 'work' })
    const ms = await drainQueue(ledger, 'work', 3)
    const finished = await queue.get(id!)
    expect(finished).toMatchObject({ state: 'finished', attempts: 1 })
    expect(finished.result).not.toEqual({ by: 'survivor' })
    return ms
  })

  trials('job: after done, before acting on "last"', async () => {
    const { ledger, prefix } = ledgerFor()
    const job = ledger.job()
    await job.push('a', 'b')
    await job.close()
    await job.done('a')
    const point = 'job: after done, before acting on "last"'
    expect(await killedAt(prefix, point, { token: job.token, part: 'b' })).toMatchObject({
      last: true,
    })
    const started = performance.now()
    // The queue delivers the dead worker's part again: it is settled, nobody is told twice;
    // the job's settled signal is recorded for durable recovery (its outbox).
    expect(await job.done('b')).toBe(false)
    const summary = await job.summary()
    expect(summary).toMatchObject({ state: 'finished', succeeded: 2, open: 0 })
    expect(summary?.signals.settled).not.toBeNull()
    return performance.now() - started
  })

  trials('stage: after start, before finish', async () => {
    const queue = new TestQueue()
    const { ledger, prefix } = ledgerFor(queue)
    await ledger.withinGrouping('crash', async (g) => {
      await g.stage(1).enqueue('A', [])
      await g.stage(2).enqueue('B', [])
    })
    const [a] = queue.drain()
    await killedAt(prefix, 'stage: after start, before finish', { payload: a })
    const started = performance.now()
    await work(ledger, [a!]) // the queue's retry of the job whose worker died
    expect(await (await ledger.stagedJob(a)).record()).toMatchObject({
      status: 'successful',
      attempts: 2,
    })
    expect(queue.names()).toEqual(['B:[]'])
    return performance.now() - started
  })

  trials('stage: after the finish that advanced the group, before dispatch', async () => {
    const queue = new TestQueue()
    const { ledger, prefix } = ledgerFor(queue)
    await ledger.withinGrouping('crash', async (g) => {
      await g.stage(1).enqueue('A', [])
      await g.stage(2).enqueue('B', [])
    })
    const [a] = queue.drain()
    const point = 'stage: after the finish that advanced the group, before dispatch'
    await killedAt(prefix, point, { payload: a })
    const started = performance.now()
    expect(queue.names()).toEqual([])
    const { redispatched } = await ledger.cleaner.cleanupOrphans({ olderThanMs: 0 })
    expect(redispatched).toBe(1)
    expect(queue.names()).toEqual(['B:[]'])
    expect(await (await ledger.stagedJob(a)).record()).toMatchObject({ attempts: 1 })
    return performance.now() - started
  })
})
