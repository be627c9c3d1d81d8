import type { BatchOutcomes } from '../../domain/job-results.js'
import type { Signal } from '../../domain/signals.js'
import type { Job } from '../../facades/job.js'
import type { Ledger } from '../../ledger.js'
import { jobRef } from '../conformance/job-refs.js'
import {
  type ConcurrentCommand,
  type DiffCommand,
  type DiffWorld,
  type Outcome,
  outcomeOf,
} from './differential.js'

/*
 * The commands of the jobs-and-batches model. Each makes the same call on whichever ledger it
 * is given and returns plain data, so the oracle's answer and the store's can be compared.
 * Commands with an `op` pass it as `{ opId }`: the same op in two commands is a repeat (or, on
 * purpose, an op reused by another call, which both sides must also answer alike).
 */

export const JOB_TTL_MS = 1_000
export const SUMMARY_TTL_MS = 3_000

/** The handle of job `name`; `other` gives options no existing job may take on. */
export function jobOf(ledger: Ledger, world: DiffWorld, name: string, other = false): Job {
  const options = other
    ? { ttlMs: 4 * JOB_TTL_MS, summaryTtlMs: 1, name: 'other' }
    : { ttlMs: JOB_TTL_MS, summaryTtlMs: SUMMARY_TTL_MS, name }
  return ledger.job(world.id(name), options)
}

const opts = (op: string | null) => (op === null ? {} : { opId: op })

abstract class JobCommand implements DiffCommand {
  abstract readonly label: string
  constructor(
    readonly job: string,
    readonly op: string | null,
  ) {}
  abstract run(ledger: Ledger, world: DiffWorld): Promise<unknown>
}

export class Push extends JobCommand {
  readonly label: string
  constructor(
    job: string,
    readonly parts: string[],
    readonly close: boolean,
    readonly other: boolean,
    op: string | null,
  ) {
    super(job, op)
    this.label = `${job}.push${close ? 'InBatches' : ''}(${parts.join(',')}; ${op}${other ? '; other' : ''})`
  }
  async run(ledger: Ledger, world: DiffWorld) {
    const job = jobOf(ledger, world, this.job, this.other)
    if (!this.close) return job.push(...this.parts, opts(this.op))
    return job.pushInBatches(this.parts, { batchSize: 2, ...opts(this.op) }, () => {})
  }
}

export class Close extends JobCommand {
  readonly label = `${this.job}.close(${this.op})`
  run(ledger: Ledger, world: DiffWorld) {
    return jobOf(ledger, world, this.job).close(opts(this.op))
  }
}

export class Settle extends JobCommand {
  readonly label: string
  constructor(
    job: string,
    readonly part: string,
    readonly failed: boolean,
    op: string | null,
  ) {
    super(job, op)
    this.label = `${job}.${failed ? 'fail' : 'done'}(${part}; ${op})`
  }
  run(ledger: Ledger, world: DiffWorld) {
    const job = jobOf(ledger, world, this.job)
    if (this.failed) return job.fail(this.part, `reason of ${this.part}`, opts(this.op))
    return job.done(this.part, opts(this.op))
  }
}

export class Stop extends JobCommand {
  readonly label: string
  constructor(
    job: string,
    readonly reason: string | null,
    op: string | null,
  ) {
    super(job, op)
    this.label = `${job}.stop(${reason}; ${op})`
  }
  run(ledger: Ledger, world: DiffWorld) {
    const reason = this.reason === null ? {} : { reason: this.reason }
    return jobOf(ledger, world, this.job).stop({ ...reason, ...opts(this.op) })
  }
}

export class SetTtl extends JobCommand {
  readonly label: string
  constructor(
    job: string,
    readonly ms: number,
  ) {
    super(job, null)
    this.label = `${job}.setTtl(${ms})`
  }
  run(ledger: Ledger, world: DiffWorld) {
    return jobOf(ledger, world, this.job).setTtl(this.ms)
  }
}

export class AddBatch extends JobCommand {
  readonly label: string
  constructor(
    job: string,
    readonly items: string[],
    readonly close: boolean,
    op: string | null,
  ) {
    super(job, op)
    this.label = `${job}.addBatch${close ? 'es' : ''}(${items.join(',')}; ${op})`
  }
  run(ledger: Ledger, world: DiffWorld) {
    const job = jobOf(ledger, world, this.job)
    if (!this.close) return job.addBatch(this.items, opts(this.op))
    return job.addBatches(this.items, { size: 2, ...opts(this.op) }, () => {})
  }
}

/** A tracker run: ids ending in s are skipped, in e errored; load leaves out those in m. */
export class Track extends JobCommand {
  readonly label: string
  constructor(
    job: string,
    readonly index: number,
    op: string | null,
  ) {
    super(job, op)
    this.label = `${job}.track(${index}; ${op})`
  }
  run(ledger: Ledger, world: DiffWorld) {
    const tracker = ledger.tracker({
      job: world.id(this.job),
      batch: this.index,
      load: (ids: string[]) => ids.filter((id) => !id.endsWith('m')),
      idOf: (id: string) => id,
    })
    return tracker.eachRecord((id) => {
      if (id.endsWith('e')) throw new Error(`no ${id}`)
      return id.endsWith('s') ? 'skipped' : undefined
    }, opts(this.op))
  }
}

/** A report written straight to the store, any ids, complete or not. */
export class Report extends JobCommand {
  readonly label: string
  constructor(
    job: string,
    readonly outcomes: BatchOutcomes,
    op: string | null,
  ) {
    super(job, op)
    this.label = `${job}.report(${JSON.stringify(outcomes)}; ${op})`
  }
  run(ledger: Ledger, world: DiffWorld) {
    const ref = jobRef(ledger, world.id(this.job), JOB_TTL_MS)
    return ledger.store.batches.reportBatch(ref, this.outcomes, this.op ?? `r-${Math.random()}`)
  }
}

export class BatchWrite extends JobCommand {
  readonly label: string
  constructor(
    job: string,
    readonly index: number,
    readonly action:
      | { kind: 'complete' }
      | { kind: 'move'; from: string; to: string; ids: string[] }
      | { kind: 'remove'; set: string },
    op: string | null,
  ) {
    super(job, op)
    this.label = `${job}.batch(${index}).${JSON.stringify(action)}(${op})`
  }
  run(ledger: Ledger, world: DiffWorld) {
    const batch = ledger.batch(world.id(this.job), this.index)
    const { action } = this
    if (action.kind === 'complete') return batch.complete(opts(this.op))
    if (action.kind === 'remove') return batch.removeSet(action.set, opts(this.op))
    return batch.moveItems(action.from, action.to, action.ids, opts(this.op))
  }
}

export class Callback extends JobCommand {
  readonly label: string
  constructor(
    job: string,
    readonly scope: string,
    readonly signal: Signal,
    readonly name: string,
    readonly confirm: boolean,
  ) {
    super(job, null)
    this.label = `${job}.${confirm ? 'confirm' : 'register'}(${scope}|${signal}:${name})`
  }
  run(ledger: Ledger, world: DiffWorld) {
    const id = world.id(this.job)
    const { jobs } = ledger.store
    if (this.confirm) return jobs.confirmCallback(id, this.scope, this.signal, this.name, 'c')
    const spec = { name: this.name, args: [this.name, { scope: this.scope }] }
    return jobs.registerCallback(jobRef(ledger, id, JOB_TTL_MS), this.scope, this.signal, spec, 'r')
  }
}

/**
 * Several commands started together on one ledger; each answer (or refusal) compared. The
 * store may run them in any order: each order is one of `orders()`.
 */
export class Together implements ConcurrentCommand {
  readonly label: string
  constructor(readonly commands: DiffCommand[]) {
    this.label = `together(${commands.map((c) => c.label).join(' & ')})`
  }
  run(ledger: Ledger, world: DiffWorld) {
    return Promise.all(this.commands.map((c) => outcomeOf(() => c.run(ledger, world))))
  }
  orders(): DiffCommand[] {
    return permutations(this.commands.map((_, i) => i)).map(
      (order) => new InOrder(this.commands, order),
    )
  }
}

/** The commands of a Together run one after the other in `order`, answered in their own order. */
class InOrder implements DiffCommand {
  readonly label: string
  constructor(
    readonly commands: DiffCommand[],
    readonly order: number[],
  ) {
    this.label = `in order ${order.join(',')}`
  }
  async run(ledger: Ledger, world: DiffWorld) {
    const outcomes: Outcome[] = []
    for (const i of this.order)
      outcomes[i] = await outcomeOf(() => this.commands[i]!.run(ledger, world))
    return outcomes
  }
}

function permutations(items: number[]): number[][] {
  if (items.length <= 1) return [items]
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  )
}
