// Redis-only: the writes of stages, staged jobs, groups and job callbacks with their reply lost
// (the proxy holds the reply, then resets the connection): each call answers its first
// execution's result, changes the group once and dispatches each staged job once. The memory
// store has no reply to lose; its repeats with the same opId are in the conformance suite
// (stages-repeats).
import { describe, expect, it } from 'vitest'
import type { Ledger, LedgerOptions } from '../../src/index.js'
import { jobRef } from '../../src/testing/conformance/job-refs.js'
import { TestQueue } from '../../src/testing/conformance/stages-queue.js'
import { useFaultFixture } from '../support/fault-fixture.js'
import {
  heldCase,
  heldLedgers,
  holdThenReset,
  recoveriesOf,
  repeatUntilAnswered,
  runHeldCase,
} from '../support/fault-held.js'
import { FAULT_TRIALS } from '../support/fault-tools.js'

const f = useFaultFixture()

/** Every payload any ledger of the running trial dispatched, in order. */
let queue = new TestQueue()
const DISPATCH: LedgerOptions = { dispatch: (payload) => queue.options.dispatch?.(payload) }

/** A group whose stage 1 (jobs A and B) is running and dispatched, and stage 2 holds C. */
async function twoStages(direct: Ledger) {
  queue = new TestQueue()
  const group = await direct.withinGrouping('held', async (g) => {
    await g.stage(1).enqueue('A', [])
    await g.stage(1).enqueue('B', [])
    await g.stage(2).enqueue('C', [])
  })
  const [a, b] = queue.drain()
  return { id: group.id, a: a!, b: b! }
}

const names = () => queue.names()

const CASES = [
  heldCase({
    name: 'stage.enqueue() to the running stage answers its job and dispatches it once',
    scripts: ['enqueueStagedJob'],
    options: DISPATCH,
    prepare: twoStages,
    act: async (ledger, { id }, options) =>
      (await ledger.group(id)).stage(1).enqueue('late', [1], options),
    answer: () => expect.objectContaining({ id: '3', name: 'late', stage: 1 }),
    async check(direct, { id }) {
      expect(await (await direct.group(id)).stage(1).numJobs()).toBe(3)
      expect(names()).toEqual(['late:[1]'])
    },
  }),
  heldCase({
    name: 'stage.enqueue() to a later stage answers its job and adds it once',
    scripts: ['enqueueStagedJob'],
    options: DISPATCH,
    prepare: twoStages,
    act: async (ledger, { id }, options) =>
      (await ledger.group(id)).stage(2).enqueue('D', [], options),
    answer: () => expect.objectContaining({ id: '3', name: 'D', stage: 2, status: 'pending' }),
    async check(direct, { id }) {
      expect(await (await direct.group(id)).stage(2).numJobs()).toBe(2)
      expect(names()).toEqual([])
    },
  }),
  heldCase({
    name: "a staged job's start runs its function once",
    scripts: ['startStagedJob'],
    options: DISPATCH,
    async prepare(direct) {
      return { ...(await twoStages(direct)), runs: { count: 0 } }
    },
    act: async (ledger, { a, runs }, options) =>
      (await ledger.stagedJob(a)).run(() => {
        runs.count++
        return 'ran'
      }, options),
    answer: () => 'ran',
    async check(direct, { a, runs }) {
      expect(runs.count).toBe(1)
      expect(await (await direct.stagedJob(a)).record()).toMatchObject({
        status: 'successful',
        attempts: 1,
      })
    },
  }),
  heldCase({
    name: "the staged job's finish that completes its stage dispatches the next stage once",
    scripts: ['finishStagedJob'],
    options: DISPATCH,
    async prepare(direct) {
      const stages = await twoStages(direct)
      await (await direct.stagedJob(stages.a)).run(() => {})
      return { ...stages, runs: { count: 0 } }
    },
    // The function returns nothing: a repeat whose finish was applied cannot answer its value.
    act: async (ledger, { b, runs }, options) =>
      (await ledger.stagedJob(b)).run(() => {
        runs.count++
      }, options),
    answer: () => undefined,
    async check(direct, { id, b, runs }) {
      expect(runs.count).toBe(1)
      expect(names()).toEqual(['C:[]'])
      expect(await (await direct.stagedJob(b)).record()).toMatchObject({ status: 'successful' })
      expect((await (await direct.group(id)).record()).counts).toMatchObject({ successful: 2 })
    },
  }),
  heldCase({
    name: "a staged job's status message is kept once",
    scripts: ['setStagedJobMessage'],
    options: DISPATCH,
    async prepare(direct) {
      return twoStages(direct)
    },
    act: async (ledger, { a }, options) =>
      (await ledger.stagedJob(a)).setStatusMessage('row 40 of 100', options),
    answer: () => undefined,
    async check(direct, { a }) {
      expect(await (await direct.stagedJob(a)).statusMessage()).toBe('row 40 of 100')
    },
  }),
  heldCase({
    name: 'group.cancel() is told it stopped the group',
    scripts: ['cancelGroup'],
    options: DISPATCH,
    prepare: twoStages,
    act: async (ledger, { id }, options) =>
      (await ledger.group(id)).cancel({ reason: 'bad file', ...options }),
    answer: () => ({ stopped: true, cancelledJobs: 2 }),
    async check(direct, { id }) {
      expect(await (await direct.group(id)).cancel()).toEqual({ stopped: false, cancelledJobs: 0 })
    },
  }),
]

describe('stage and group writes whose reply is lost (hold, then reset)', () => {
  for (const spec of CASES) {
    for (const recovery of recoveriesOf(spec)) {
      it(`${spec.name}: ${recovery}`, async () => {
        for (let trial = 0; trial < FAULT_TRIALS; trial++) await runHeldCase(f, recovery, spec)
      })
    }
  }
})

describe('a job callback confirmed with its reply lost', () => {
  it('confirms it once; the repeat with the same op answers true, another op false', async () => {
    for (let trial = 0; trial < FAULT_TRIALS; trial++) {
      const { faulty, direct } = await heldLedgers(f, 'the caller repeats with the opId')
      const job = direct.job()
      const spec = { name: 'notify', args: [job.token] }
      await direct.store.jobs.registerCallback(jobRef(direct, job.token), '', 'stopped', spec, 'r')
      await job.stop({ reason: 'enough' })
      expect(await direct.store.jobs.readOutbox(job.token)).toHaveLength(1)
      const confirm = (op: string) =>
        faulty.store.jobs.confirmCallback(job.token, '', 'stopped', 'notify', op)
      const first = await holdThenReset(f.proxy, ['confirmCallback'], () => confirm('c'))
      expect(first).toMatchObject({ ok: false, error: { code: 'STORE_UNAVAILABLE' } })
      expect(await direct.store.jobs.readOutbox(job.token)).toEqual([])
      expect(await repeatUntilAnswered(() => confirm('c'))).toEqual({ ok: true, value: true })
      expect(await confirm('another')).toBe(false)
      expect(await direct.store.jobs.readOutbox(job.token)).toEqual([])
      await Promise.all([faulty.close(), direct.close()])
      await f.proxy.close()
    }
  })
})
