// The jobledger/bullmq fan-out and processors against recording queues and hand-made jobs on
// the embedded store: the retry, stop and redelivery rules, one at a time. The same code with
// real BullMQ workers runs in bullmq-fan-out.test.ts.
import { afterEach, describe, expect, it } from 'vitest'
import {
  batchProcessor,
  type FanOutJobData,
  fanOut,
  fanOutBatches,
  type LastPart,
  trackedProcessor,
} from '../src/adapters/bullmq/index.js'
import { createLedger, type Ledger } from '../src/index.js'

const opened: Ledger[] = []
afterEach(async () => {
  await Promise.all(opened.splice(0).map((ledger) => ledger.close()))
})

function ledger(): Ledger {
  const made = createLedger()
  opened.push(made)
  return made
}

interface Added<Data> {
  name: string
  data: Data
  opts?: Record<string, unknown>
}

/** A queue that records what is added, and runs `onAdd` before each addBulk resolves. */
function recordingQueue<Data>(onAdd: (jobs: Added<Data>[]) => Promise<void> | void = () => {}) {
  const calls: Added<Data>[][] = []
  return {
    calls,
    addBulk: async (jobs: Added<Data>[]) => {
      calls.push(jobs)
      await onAdd(jobs)
      return jobs
    },
  }
}

function bullJob<Data>(data: Data | undefined, attemptsMade = 0, attempts = 3) {
  if (data === undefined) throw new Error('no such job data')
  return { name: 'item', data, attemptsMade, opts: { attempts } }
}

function named(name: string, message = name): Error {
  const error = new Error(message)
  error.name = name
  return error
}

describe('fanOut', () => {
  it('adds one BullMQ job per item in addBulk chunks, the ledger job closed before the last', async () => {
    const l = ledger()
    const states: (string | undefined)[] = []
    let token = ''
    const queue = recordingQueue<FanOutJobData<string>>(async (jobs) => {
      token = jobs[0]?.data.token ?? token
      states.push((await l.job(token).summary())?.state)
    })
    const job = await fanOut(l, queue, ['a', 'b', 'c', 'd', 'e'], {
      name: 'import',
      chunkSize: 2,
      attempts: 3,
    })
    expect(queue.calls.map((chunk) => chunk.map(({ data }) => data.item))).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e'],
    ])
    expect(queue.calls.flat().map(({ data }) => data.part)).toEqual(['0', '1', '2', '3', '4'])
    expect(
      queue.calls.flat().every(({ name, opts }) => name === 'import' && opts?.attempts === 3),
    ).toBe(true)
    expect(states).toEqual(['open', 'open', 'closed'])
    expect(job.token).toBe(token)
    expect(await job.summary()).toMatchObject({ total: 5, open: 5 })
  })

  it('closes an empty fan-out finished at once and adds nothing', async () => {
    const queue = recordingQueue()
    const job = await fanOut(ledger(), queue, [], { name: 'import' })
    expect(queue.calls).toEqual([])
    expect(await job.isFinished()).toBe(true)
  })

  it('refuses a missing name, a fixed jobId, a bad chunkSize or no queue, writing nothing', async () => {
    const l = ledger()
    const queue = recordingQueue()
    for (const options of [{}, { name: 'x', jobId: 'same' }, { name: 'x', chunkSize: 0 }]) {
      await expect(fanOut(l, queue, ['a'], options as never)).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      })
    }
    await expect(fanOut(l, {} as never, ['a'], { name: 'x' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    })
    expect(queue.calls).toEqual([])
    expect((await l.list({ kind: 'job' })).items).toEqual([])
  })
})

describe('trackedProcessor', () => {
  async function fannedOut(l: Ledger, items: string[]) {
    const queue = recordingQueue<FanOutJobData<string>>()
    const job = await fanOut(l, queue, items, { name: 'item' })
    return { job, data: queue.calls.flat().map(({ data }) => data) }
  }

  it('settles on success and on the last failed attempt, nothing while BullMQ will retry', async () => {
    const l = ledger()
    const { job, data } = await fannedOut(l, ['ok', 'flaky', 'bad'])
    const lasts: LastPart<unknown>[] = []
    const process = trackedProcessor(
      l,
      (item: string, { bullJob }) => {
        if (item === 'bad' || (item === 'flaky' && bullJob.attemptsMade === 0))
          throw new Error(item)
        return item.toUpperCase()
      },
      { onLast: (last) => void lasts.push(last) },
    )
    const [ok, flaky, bad] = data as [
      FanOutJobData<string>,
      FanOutJobData<string>,
      FanOutJobData<string>,
    ]
    expect(await process(bullJob(ok))).toEqual({ settled: 'succeeded', last: false, result: 'OK' })
    await expect(process(bullJob(flaky, 0))).rejects.toThrow('flaky')
    await expect(process(bullJob(bad, 1))).rejects.toThrow('bad')
    expect(await job.summary()).toMatchObject({ open: 2, succeeded: 1, failed: 0 })
    await expect(process(bullJob(bad, 2))).rejects.toThrow('bad')
    expect(await process(bullJob(flaky, 1))).toMatchObject({ settled: 'succeeded', last: true })
    expect(lasts.map(({ part, outcome }) => [part, outcome])).toEqual([['1', 'succeeded']])
    expect(await job.summary()).toMatchObject({ state: 'finished', succeeded: 2, failed: 1 })
    expect((await job.failures()).failures).toEqual([{ part: '2', reason: 'Error: bad' }])
  })

  it('fails at once on UnrecoverableError and passes BullMQ move signals through untouched', async () => {
    const l = ledger()
    const { job, data } = await fannedOut(l, ['fatal', 'later'])
    const process = trackedProcessor(l, (item: string) => {
      throw item === 'fatal' ? named('UnrecoverableError', 'no use') : named('DelayedError')
    })
    await expect(process(bullJob(data[0]))).rejects.toThrow('no use')
    await expect(process(bullJob(data[1], 2))).rejects.toThrow('DelayedError')
    expect(await job.summary()).toMatchObject({ open: 1, failed: 1 })
    expect(await job.isOpenPart('1')).toBe(true)
  })

  it("skips the work of a stopped job and fails its part as 'stopped', telling the last", async () => {
    const l = ledger()
    const { job, data } = await fannedOut(l, ['a'])
    await job.stop({ reason: 'operator' })
    let ran = false
    const outcomes: string[] = []
    const process = trackedProcessor(
      l,
      () => {
        ran = true
      },
      { onLast: ({ outcome }) => void outcomes.push(outcome) },
    )
    expect(await process(bullJob(data[0]))).toEqual({ settled: 'stopped', last: true })
    expect(ran).toBe(false)
    expect(outcomes).toEqual(['stopped'])
    expect((await job.failures()).failures).toEqual([{ part: '0', reason: 'stopped' }])
  })

  it('skips a redelivered job whose part is already settled, writing nothing', async () => {
    const l = ledger()
    const { job, data } = await fannedOut(l, ['a', 'b'])
    let runs = 0
    const process = trackedProcessor(l, () => {
      runs++
    })
    await process(bullJob(data[0]))
    expect(await process(bullJob(data[0]))).toEqual({ settled: 'already', last: false })
    expect(runs).toBe(1)
    expect(await job.summary()).toMatchObject({ open: 1, succeeded: 1 })
  })

  it('refuses a job whose data fanOut did not make', async () => {
    const process = trackedProcessor(ledger(), () => {})
    await expect(process(bullJob({ file: 'x' } as never))).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    })
  })
})

describe('batchProcessor', () => {
  async function batched(l: Ledger, ids: number[], size: number) {
    const queue = recordingQueue<{ token: string; batch: number }>()
    const job = await fanOutBatches(l, queue, ids, { name: 'batch', size, bulkSize: 2 })
    return { job, data: queue.calls.flat().map(({ data }) => data), calls: queue.calls }
  }

  it('adds one BullMQ job per batch, bulkSize per addBulk, and counts each item once', async () => {
    const l = ledger()
    const { job, data, calls } = await batched(l, [1, 2, 3, 4, 5, 6, 7], 3)
    expect(calls.map((chunk) => chunk.map(({ data }) => data.batch))).toEqual([[0, 1], [2]])
    const process = batchProcessor(l, (id: string) => (id === '2' ? 'skipped' : undefined))
    for (const batch of data) await process(bullJob(batch))
    expect(await job.report()).toMatchObject({ items: 7, processed: 6, skipped: 1, batchesDone: 3 })
    expect((await process(bullJob(data[0]))).already).toBe(true)
    expect(await job.report()).toMatchObject({ processed: 6, skipped: 1 })
  })

  it('leaves a batch pending while BullMQ will retry its load, errors every item after the last', async () => {
    const l = ledger()
    const { job, data } = await batched(l, [1, 2, 3], 3)
    const lasts: string[] = []
    const process = batchProcessor(l, () => undefined, {
      load: () => {
        throw new Error('db down')
      },
      onLast: ({ outcome }) => void lasts.push(outcome),
    })
    await expect(process(bullJob(data[0], 1))).rejects.toThrow('db down')
    expect(await l.batch(job.token, 0).items()).toHaveLength(3)
    await expect(process(bullJob(data[0], 2))).rejects.toThrow('db down')
    expect(await job.report()).toMatchObject({ errored: 3, processed: 0, batchesDone: 1 })
    expect(lasts).toEqual(['succeeded'])
  })

  it('completes the batch of a stopped job, leaving its untouched items uncounted', async () => {
    const l = ledger()
    const { job, data } = await batched(l, [1, 2, 3], 3)
    await job.stop()
    const report = await batchProcessor(l, () => undefined)(bullJob(data[0]))
    expect(report).toMatchObject({ stopped: true, batchDone: true, jobFinished: true })
    expect(await job.report()).toMatchObject({ items: 3, processed: 0, errored: 0, batchesDone: 1 })
    expect(await job.isFinished()).toBe(true)
  })
})
