// Redis-only: every write of jobs and batches with its reply lost (the proxy holds the reply,
// then resets the connection): the call answers its first execution's result and the job
// changed once, whether the ledger retries or the caller repeats with the opId from the error.
// The memory store has no reply to lose; its repeats with the same { opId } are in the
// conformance suite (jobs-repeats).
import { describe, expect, it } from 'vitest'
import type { Ledger } from '../../src/index.js'
import { useFaultFixture } from '../support/fault-fixture.js'
import {
  heldCase,
  heldLedgers,
  holdFromThenReset,
  opIdToRepeat,
  recoveriesOf,
  repeatUntilAnswered,
  runHeldCase,
} from '../support/fault-held.js'
import { FAULT_TRIALS } from '../support/fault-tools.js'

const f = useFaultFixture()

/** A closed job with parts a and b, a settled: b is the last open part. */
async function lastPartOpen(direct: Ledger) {
  const job = direct.job()
  await job.push('a', 'b')
  await job.close()
  await job.done('a')
  return { token: job.token }
}

/** A closed job whose one part is a batch of three items. */
async function oneBatch(direct: Ledger) {
  const job = direct.job()
  const { index } = await job.addBatch(['1', '2', '3'])
  await job.close()
  return { token: job.token, index }
}

const skipTwo = (id: string) => (id === '2' ? 'skipped' : undefined)

const CASES = [
  heldCase({
    name: 'done() that finishes the job is told "last"',
    scripts: ['settleJobPart'],
    prepare: lastPartOpen,
    act: (ledger, { token }, options) => ledger.job(token).done('b', options),
    answer: () => true,
    async check(direct, { token }) {
      expect(await direct.job(token).summary()).toMatchObject({
        total: 2,
        succeeded: 2,
        open: 0,
        state: 'finished',
      })
      expect(await direct.job(token).done('b')).toBe(false)
    },
  }),
  heldCase({
    name: 'done() of a part that does not finish the job counts once',
    scripts: ['donePart', 'settleJobPart'],
    async prepare(direct) {
      const job = direct.job()
      await job.push('a', 'b', 'c')
      await job.close()
      await job.done('a')
      return { token: job.token }
    },
    act: (ledger, { token }, options) => ledger.job(token).done('b', options),
    answer: () => false,
    async check(direct, { token }) {
      expect(await direct.job(token).summary()).toMatchObject({ succeeded: 2, open: 1 })
      expect(await direct.job(token).done('c')).toBe(true)
    },
  }),
  heldCase({
    name: 'fail() that finishes the job is told "last" and keeps one failure',
    scripts: ['settleJobPart'],
    prepare: lastPartOpen,
    act: (ledger, { token }, options) => ledger.job(token).fail('b', 'row 3 is bad', options),
    answer: () => true,
    async check(direct, { token }) {
      expect(await direct.job(token).summary()).toMatchObject({ failed: 1, succeeded: 1 })
      expect((await direct.job(token).failures()).failures).toEqual([
        { part: 'b', reason: 'row 3 is bad' },
      ])
    },
  }),
  heldCase({
    name: 'close() with nothing open is told "last"',
    scripts: ['closeJob'],
    async prepare(direct) {
      const job = direct.job()
      await job.push('a')
      await job.done('a')
      return { token: job.token }
    },
    act: (ledger, { token }, options) => ledger.job(token).close(options),
    answer: () => true,
    async check(direct, { token }) {
      expect(await direct.job(token).summary()).toMatchObject({ state: 'finished', total: 1 })
      expect(await direct.job(token).close()).toBe(false)
    },
  }),
  heldCase({
    name: "a tracker's final report that finishes the job answers its counts and jobFinished",
    scripts: ['reportBatch'],
    prepare: oneBatch,
    act: (ledger, { token, index }, options) =>
      ledger.tracker({ job: token, batch: index }).eachRecord(skipTwo, options),
    answer: ({ token, index }) =>
      expect.objectContaining({
        job: token,
        batch: index,
        processed: 2,
        skipped: 1,
        errored: 0,
        batchDone: true,
        jobFinished: true,
      }),
    async check(direct, { token }) {
      expect(await direct.job(token).report()).toMatchObject({
        items: 3,
        processed: 2,
        skipped: 1,
        batchesDone: 1,
        finished: true,
      })
    },
  }),
  heldCase({
    name: 'batch.complete() that finishes the job is told "last"',
    scripts: ['completeBatch'],
    prepare: oneBatch,
    act: (ledger, { token, index }, options) => ledger.batch(token, index).complete(options),
    answer: () => true,
    async check(direct, { token, index }) {
      expect(await direct.job(token).report()).toMatchObject({ batchesDone: 1, finished: true })
      expect(await direct.batch(token, index).complete()).toBe(false)
    },
  }),
  heldCase({
    name: 'addBatch() answers its index, adds the batch once and the job still finishes',
    scripts: ['addBatch'],
    async prepare(direct) {
      const job = direct.job()
      await job.push('first')
      return { token: job.token }
    },
    act: (ledger, { token }, options) => ledger.job(token).addBatch(['x', 'y'], options),
    answer: () => ({ index: 0, items: 2 }),
    async check(direct, { token }) {
      const job = direct.job(token)
      expect(await job.report()).toMatchObject({ items: 2, batches: 1 })
      expect(await job.summary()).toMatchObject({ total: 2, open: 2 })
      await job.close()
      expect(await job.done('first')).toBe(false)
      const report = await direct.tracker({ job: token, batch: 0 }).eachRecord(() => undefined)
      expect(report).toMatchObject({ processed: 2, jobFinished: true })
    },
  }),
  heldCase({
    name: 'push() of new parts adds each once',
    scripts: ['pushParts'],
    async prepare(direct) {
      const job = direct.job()
      await job.push('a')
      return { token: job.token }
    },
    act: (ledger, { token }, options) =>
      options ? ledger.job(token).push('b', 'c', options) : ledger.job(token).push('b', 'c'),
    answer: () => undefined,
    async check(direct, { token }) {
      expect(await direct.job(token).summary()).toMatchObject({ total: 3, open: 3 })
    },
  }),
  heldCase({
    name: 'stop() is told it raised the flag, keeping its reason',
    scripts: ['stopJob'],
    async prepare(direct) {
      const job = direct.job()
      await job.push('a')
      return { token: job.token }
    },
    act: (ledger, { token }, options) => ledger.job(token).stop({ reason: 'enough', ...options }),
    answer: () => ({ stopped: true, found: true }),
    async check(direct, { token }) {
      expect(await direct.job(token).summary()).toMatchObject({ stopReason: 'enough' })
      expect(await direct.job(token).stop({ reason: 'later' })).toEqual({
        stopped: false,
        found: true,
      })
    },
  }),
]

describe('job and batch writes whose reply is lost (hold, then reset)', () => {
  for (const spec of CASES) {
    for (const recovery of recoveriesOf(spec)) {
      it(`${spec.name}: ${recovery}`, async () => {
        for (let trial = 0; trial < FAULT_TRIALS; trial++) await runHeldCase(f, recovery, spec)
      })
    }
  }
})

describe('a creating write whose registration reply is lost', () => {
  it('fails as ambiguous naming its opId; the repeat answers as first and lists the job', async () => {
    const { faulty, direct } = await heldLedgers(f, 'the caller repeats with the opId')
    const token = `new-${Math.random().toString(36).slice(2, 8)}`
    const add = (options?: { opId: string }) => faulty.job(token).addBatch(['x', 'y'], options)
    const first = await holdFromThenReset(f.proxy, ['ZADD'], () => add())
    const opId = opIdToRepeat(first)
    expect((first as { error: Error }).error.message).toMatch(
      new RegExp(
        `^the job write was applied, but listing it \\(for list\\(\\) and the dashboard\\) failed: .+ Call it again with \\{ opId: '${opId}' \\} once the store answers: it is not applied again, answers as it first did and lists it\\.$`,
      ),
    )
    expect(await repeatUntilAnswered(() => add({ opId }))).toEqual({
      ok: true,
      value: { index: 0, items: 2 },
    })
    expect(await direct.job(token).report()).toMatchObject({ items: 2, batches: 1 })
    const listed = await direct.list({ kind: 'job', limit: 50 })
    expect(JSON.stringify(listed)).toContain(token)
  })
})
