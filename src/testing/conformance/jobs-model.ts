import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Job } from '../../facades/job.js'
import type { StoreHarness } from './harness.js'
import { useNamespace } from './use-namespace.js'

/** The plain model of a distributed job that the store must agree with after every step. */
interface JobModel {
  exists: boolean
  seen: Set<string>
  open: Set<string>
  closed: boolean
  finished: boolean
  stopped: boolean
  succeeded: number
  failed: number
}

type Real = { job: Job }
type Command = fc.AsyncCommand<JobModel, Real>

const PARTS = ['0', '1', '2', '17', 'a', 'b', 'c']

function settle(model: JobModel, part: string, outcome: 'succeeded' | 'failed'): boolean {
  if (!model.open.delete(part)) return false
  model[outcome]++
  model.finished = model.closed && model.open.size === 0
  return model.finished
}

class Push implements Command {
  constructor(readonly part: string) {}
  check = () => true
  async run(model: JobModel, real: Real) {
    if (model.closed && !model.seen.has(this.part)) {
      await expect(real.job.push(this.part)).rejects.toMatchObject({ code: 'INVALID_TRANSITION' })
      return
    }
    await real.job.push(this.part)
    model.exists = true
    if (!model.seen.has(this.part)) model.open.add(this.part)
    model.seen.add(this.part)
  }
  toString = () => `push(${this.part})`
}

class Settle implements Command {
  constructor(
    readonly part: string,
    readonly outcome: 'succeeded' | 'failed',
  ) {}
  check = () => true
  async run(model: JobModel, real: Real) {
    const answer =
      this.outcome === 'failed'
        ? await real.job.fail(this.part, 'x')
        : await real.job.done(this.part)
    expect(answer).toBe(settle(model, this.part, this.outcome))
  }
  toString = () => `${this.outcome === 'failed' ? 'fail' : 'done'}(${this.part})`
}

class Close implements Command {
  check = () => true
  async run(model: JobModel, real: Real) {
    const expected = !model.closed && model.open.size === 0
    model.exists = true
    model.closed = true
    if (expected) model.finished = true
    expect(await real.job.close()).toBe(expected)
  }
  toString = () => 'close()'
}

class Stop implements Command {
  check = () => true
  async run(model: JobModel, real: Real) {
    if (!model.exists) {
      expect(await real.job.stop()).toEqual({ stopped: false, found: false })
      return
    }
    const first = !model.stopped
    model.stopped = true
    expect(await real.job.stop()).toEqual({ stopped: first, found: true })
  }
  toString = () => 'stop()'
}

async function expectAgreement(model: JobModel, job: Job): Promise<void> {
  const summary = await job.summary()
  if (!model.exists) return expect(summary).toBeNull()
  const state = model.finished
    ? 'finished'
    : model.stopped
      ? 'stopped'
      : model.closed
        ? 'closed'
        : 'open'
  expect(summary).toMatchObject({
    state,
    total: model.seen.size,
    open: model.open.size,
    succeeded: model.succeeded,
    failed: model.failed,
  })
  const open = []
  for await (const part of job.openParts()) open.push(part)
  expect(open.sort()).toEqual([...model.open].sort())
}

const part = fc.constantFrom(...PARTS)
const commands = fc.commands(
  [
    part.map((p) => new Push(p)),
    part.map((p) => new Settle(p, 'succeeded')),
    part.map((p) => new Settle(p, 'failed')),
    fc.constant(new Close()),
    fc.constant(new Stop()),
  ],
  { maxCommands: 30 },
)

/** Random sequences of job commands, checked step by step against a plain model. */
export function jobModelConformance(harness: StoreHarness): void {
  describe('distributed job model', () => {
    const ns = useNamespace(harness)

    it('agrees with the plain model on every random sequence of commands', async () => {
      await fc.assert(
        fc.asyncProperty(commands, async (cmds) => {
          const job = ns.ledger.job()
          const model: JobModel = {
            exists: false,
            seen: new Set(),
            open: new Set(),
            closed: false,
            finished: false,
            stopped: false,
            succeeded: 0,
            failed: 0,
          }
          for (const cmd of cmds) {
            await cmd.run(model, { job })
            await expectAgreement(model, job)
          }
        }),
        { numRuns: 60 },
      )
    })
  })
}
