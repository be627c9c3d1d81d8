// Redis-only, real processes: a worker SIGKILLed at each point of a settling write's durable
// callback (after the write before dispatch, inside dispatch, after dispatch before confirm),
// then recovery by cleanupOrphans in another process. The callback must reach dispatch at
// least once after recovery, and exactly once in runs without a crash. CRASH_TRIALS (default
// 2; `npm run test:crash` runs 50) trials per crash point; figures in docs/RELIABILITY.md.
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { Redis } from 'ioredis'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isCallbackPayload, type Ledger } from '../../src/index.js'
import { redisNamespace } from '../support/redis-namespace.js'

const TRIALS = Math.max(1, Number(process.env.CRASH_TRIALS ?? 2))
const WORKER = fileURLToPath(new URL('./callback-worker.mjs', import.meta.url))
const POINTS = ['after-write', 'in-dispatch', 'before-confirm', 'none'] as const

function runWorker(args: string[]): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [WORKER, ...args], () => {})
    child.on('exit', (code, signal) => resolve({ code, signal }))
  })
}

describe('durable callbacks when the worker is SIGKILLed', () => {
  let ns: Awaited<ReturnType<typeof redisNamespace>>
  let admin: Redis
  let recordKey: string
  let producer: Ledger

  beforeEach(async () => {
    ns = await redisNamespace()
    admin = new Redis(ns.url)
    recordKey = `${ns.prefix}:record`
    const dispatch = async (payload: unknown) => {
      if (isCallbackPayload(payload)) await admin.rpush(recordKey, payload.idempotencyKey)
    }
    producer = ns.ledger({ dispatch })
  })
  afterEach(async () => {
    await admin.del(recordKey)
    await admin.quit()
    await ns.close()
  })

  it.each(POINTS)(
    `crash point %s: the callback reaches dispatch after recovery (${TRIALS} trials)`,
    { timeout: TRIALS * 10_000 },
    async (point) => {
      const deliveries: number[] = []
      for (let trial = 0; trial < TRIALS; trial++) {
        const token = `${point}-${trial}`
        const job = producer.job(token)
        await job.push('0')
        await job.close()
        await job.on('settled', { name: 'report', args: [token] })
        const exit = await runWorker([ns.url, ns.prefix, token, point, recordKey])
        if (point === 'none') expect(exit).toEqual({ code: 0, signal: null })
        else expect(exit.signal).toBe('SIGKILL')
        expect((await job.summary())?.state).toBe('finished')
        const recovered = await producer.cleaner.cleanupOrphans({ olderThanMs: 0 })
        expect(recovered.callbacks).toBe(point === 'none' ? 0 : 1)
        const key = `job:${token}:|settled:report`
        const record = await admin.lrange(recordKey, 0, -1)
        const count = record.filter((entry) => entry === key).length
        deliveries.push(count)
        expect(await producer.store.jobs.readOutbox(token)).toEqual([])
      }
      const expected = { 'after-write': 1, 'in-dispatch': 2, 'before-confirm': 2, none: 1 }[point]
      expect(deliveries).toEqual(Array.from({ length: TRIALS }, () => expected))
      console.log(
        `crash point ${point}: ${TRIALS} trials, deliveries per callback ${JSON.stringify(tally(deliveries))}`,
      )
    },
  )
})

function tally(counts: number[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const n of counts) out[n] = (out[n] ?? 0) + 1
  return out
}
