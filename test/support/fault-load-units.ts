import { expect } from 'vitest'
import type { StagedJobPayload } from '../../src/facades/stage-payload.js'
import type { Ledger } from '../../src/index.js'
import { isJobledgerError } from '../../src/index.js'
import { inLanes, pause, persist, shuffled, type Tally } from './fault-load.js'

/**
 * One kind of work in a crash trial: `prepare` runs before any fault, `run` under the faults
 * (through several ledgers, each its own connection), `check` after, against what the store
 * holds; it answers how many acknowledged writes it checked.
 */
export interface Load {
  readonly name: string
  prepare(ledger: Ledger): Promise<void>
  run(ledgers: readonly Ledger[], tally: Tally): Promise<void>
  check(ledger: Ledger, tally: Tally): Promise<number>
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i)
const laneLedger = (ledgers: readonly Ledger[], lane: number) => ledgers[lane % ledgers.length]!

/** Jobs with many parts, each part delivered twice, to workers on different connections. */
export function racedJobs(jobs: number, parts: number): Load {
  const lasts = new Map<string, number>()
  return {
    name: 'raced jobs',
    async prepare() {},
    async run(ledgers, tally) {
      const tokens = await Promise.all(
        range(jobs).map(async (j) => {
          const job = laneLedger(ledgers, j).job()
          lasts.set(job.token, 0)
          await persist(tally, (o) =>
            job.pushInBatches(range(parts), { batchSize: parts, ...o }, () => {}),
          )
          return job.token
        }),
      )
      const deliveries = shuffled(
        tokens.flatMap((token) => range(parts * 2).map((i) => ({ token, part: i % parts }))),
      )
      await inLanes(deliveries, 8, async ({ token, part }, lane) => {
        const job = laneLedger(ledgers, lane).job(token)
        if (await persist(tally, (o) => job.done(part, o))) lasts.set(token, lasts.get(token)! + 1)
      })
    },
    async check(ledger) {
      for (const [token, told] of lasts) {
        expect(await ledger.job(token).summary()).toMatchObject({
          total: parts,
          succeeded: parts,
          open: 0,
          state: 'finished',
        })
        expect(told, `callers told "last" for job ${token}`).toBe(1)
      }
      return lasts.size * parts * 2
    },
  }
}

/** A job of batches added under the faults, each batch reported by two trackers. */
export function trackedBatches(batches: number, items: number): Load {
  let token = ''
  let lasts = 0
  const skip = (id: string) => (id.endsWith('7') ? 'skipped' : undefined)
  return {
    name: 'batches',
    async prepare(ledger) {
      token = ledger.job().token
    },
    async run(ledgers, tally) {
      const job = ledgers[0]!.job(token)
      const indices: number[] = []
      for (const b of range(batches)) {
        const ids = range(items).map((i) => `${b}-${i}`)
        indices.push((await persist(tally, (o) => job.addBatch(ids, o))).index)
      }
      expect(await persist(tally, (o) => job.close(o))).toBe(false)
      await inLanes(shuffled([...indices, ...indices]), 4, async (batch, lane) => {
        const tracker = laneLedger(ledgers, lane + 1).tracker({ job: token, batch })
        if ((await persist(tally, (o) => tracker.eachRecord(skip, o))).jobFinished) lasts++
      })
    },
    async check(ledger) {
      const skipped = batches * range(items).filter((i) => String(i).endsWith('7')).length
      expect(await ledger.job(token).report()).toMatchObject({
        items: batches * items,
        processed: batches * items - skipped,
        skipped,
        errored: 0,
        batches,
        batchesDone: batches,
        finished: true,
      })
      expect(lasts, 'trackers told jobFinished').toBe(1)
      return batches * 3 + 1
    },
  }
}

/**
 * A two-stage group: stage 1's jobs run by workers on several connections, then stage 2's.
 * Each run is repeated with its opId after STORE_UNAVAILABLE: a repeat whose finish was
 * applied runs nothing again and hands the next stage over; one whose finish was not runs
 * the job again (counted: the only way a job may run twice, besides a recovery).
 */
export function stagePipeline(jobs: number, dispatched: StagedJobPayload[]): Load {
  let groupId = ''
  const runs = new Map<string, number>()
  const repeats = new Map<string, number>()
  const finalRan = () => (runs.get('final[]') ?? 0) > 0
  async function work(ledgers: readonly Ledger[], tally: Tally, until: () => boolean) {
    await inLanes(range(4), 4, async (lane) => {
      while (!until()) {
        const payload = dispatched.shift()
        if (payload === undefined) {
          await pause(5)
          continue
        }
        const ledger = laneLedger(ledgers, lane)
        const name = `${payload.name}${JSON.stringify(payload.args)}`
        const count = (map: Map<string, number>) => map.set(name, (map.get(name) ?? 0) + 1)
        const staged = await ledger.stagedJob(payload)
        await persist(tally, (o) => {
          if (o.opId !== undefined) count(repeats)
          return staged.run(() => count(runs), o)
        })
      }
    })
  }
  return {
    name: 'stages',
    async prepare(ledger) {
      const group = await ledger.withinGrouping('crash pipeline', async (g) => {
        for (const i of range(jobs)) await g.stage(1).enqueue('import', [i])
        await g.stage(2).enqueue('final', [])
      })
      groupId = group.id
    },
    async run(ledgers, tally) {
      await work(ledgers, tally, finalRan)
    },
    async check(ledger) {
      const group = await (await ledger.group(groupId)).record()
      expect(group).toMatchObject({ state: 'succeeded', counts: { successful: jobs + 1 } })
      for (const i of range(jobs)) {
        const name = `import[${i}]`
        expect(runs.get(name), `runs of ${name}`).toBeGreaterThanOrEqual(1)
        expect(runs.get(name), `runs of ${name}`).toBeLessThanOrEqual(1 + (repeats.get(name) ?? 0))
      }
      expect(runs.get('final[]'), 'runs of stage 2').toBeLessThanOrEqual(
        1 + (repeats.get('final[]') ?? 0),
      )
      expect(dispatched, 'staged jobs dispatched but never run').toEqual([])
      return jobs * 2 + 2
    },
  }
}

/** Status counters incremented from several connections, each call repeated with its opId. */
export function statusIncrements(ids: number, increments: number): Load {
  const prefix = `crash-status-${Math.random().toString(36).slice(2, 8)}`
  const statuses = range(ids).map((i) => `${prefix}-${i}`)
  return {
    name: 'status',
    async prepare(ledger) {
      for (const id of statuses) await ledger.status(id).update({ total: increments })
    },
    async run(ledgers, tally) {
      const calls = shuffled(statuses.flatMap((id) => range(increments).map(() => id)))
      await inLanes(calls, 4, async (id, lane) => {
        const progress = laneLedger(ledgers, lane).status(id).progress
        await persist(tally, (o) => progress.increment(1, o))
      })
    },
    async check(ledger) {
      for (const id of statuses)
        expect(await ledger.getStatus(id)).toMatchObject({ progress: increments })
      return ids * increments
    },
  }
}

/**
 * A queue fed by one producer and drained by consumers on several connections, every push,
 * pop and finish repeated with its opId after STORE_UNAVAILABLE. A finish refused because the
 * item's lease ran out meanwhile (the sweeper gave it to another consumer) is counted.
 */
export function queueTraffic(items: number): Load {
  const name = `crash-${Math.random().toString(36).slice(2, 8)}`
  const pushed: string[] = []
  let producing = true
  const leaseLost = (error: unknown) => isJobledgerError(error) && error.code === 'CONFLICT'
  return {
    name: 'queue',
    async prepare(ledger) {
      await ledger.queue(name).counts()
    },
    async run(ledgers, tally) {
      const produce = async () => {
        const queue = ledgers[0]!.queue(name)
        for (const i of range(items))
          pushed.push(await persist(tally, (o) => queue.createAndPush({ i }, o)))
        producing = false
      }
      const consume = async (lane: number) => {
        const queue = laneLedger(ledgers, lane + 1).queue(name)
        const deadline = Date.now() + 40_000
        while (Date.now() < deadline) {
          const item = await persist(tally, (o) => queue.tryPopAndStart(o))
          if (item === null) {
            if (!producing && (await drained(queue).catch(() => false))) return
            await pause(20)
            continue
          }
          await persist(tally, (o) => item.finish({ lane }, o)).catch((error: unknown) => {
            if (!leaseLost(error)) throw error
            tally.leasesLost++
          })
        }
      }
      await Promise.all([produce(), ...range(3).map(consume)])
    },
    async check(ledger, tally) {
      const queue = ledger.queue(name)
      let startedAgain = 0
      for (const id of pushed) {
        const item = await queue.get(id)
        expect(item.state).toBe('finished')
        if (item.attempts > 1) startedAgain++
      }
      // The lease is the default 30 s: an item started again had its pop lost to its caller.
      expect(startedAgain, 'items started again without a lost lease').toBeLessThanOrEqual(
        tally.leasesLost,
      )
      expect(await queue.counts()).toMatchObject({
        waiting: 0,
        running: 0,
        finished: items,
        failed: 0,
      })
      return items * 3
    },
  }
}

async function drained(queue: ReturnType<Ledger['queue']>): Promise<boolean> {
  const counts = await queue.counts()
  return counts.waiting === 0 && counts.running === 0
}
