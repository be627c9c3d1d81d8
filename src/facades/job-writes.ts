import type { PartOutcome, StopJobResult, WriteEffects } from '../domain/job-results.js'
import type { OpId } from '../domain/op-id.js'
import type { JobRef } from '../store/job-store.js'
import type { LedgerCore } from './ledger-core.js'
import { registerAfterWrite } from './registered-units.js'
import { publishSignals } from './signal-notices.js'
import type { WriteOptions } from './write-runner.js'

/**
 * How a job's facades write: each call gets an operation id (the caller's `opId`, or a new
 * one) and runs through the ledger's write runner, which repeats it with the same id after
 * STORE_UNAVAILABLE. A call made of several store writes gives each its own id derived from
 * the call's (`<opId>.<n>`), so the whole call repeated with its opId repeats each write.
 */
export class JobWriter {
  readonly core: LedgerCore
  readonly ref: JobRef
  /** Runs before every write (the handle's creation-time callbacks, registered once). */
  readonly #before: (() => Promise<void>) | undefined

  constructor(core: LedgerCore, ref: JobRef, before?: () => Promise<void>) {
    this.core = core
    this.ref = ref
    this.#before = before
  }

  /** The operation id of one call. */
  opOf(options: WriteOptions | undefined): OpId {
    return this.core.writes.opIdOf(options)
  }

  /** Runs one write; callbacks it made due are dispatched and confirmed before it answers. */
  async run<T>(what: string, op: OpId, write: (op: OpId) => Promise<T>): Promise<T> {
    await this.#before?.()
    const result = await this.core.writes.run(what, op, write)
    const { fired, due } = effectsOf(result)
    if (due.length > 0) await this.core.callbacks.afterWrite('job', this.ref.id, due)
    if (fired.length > 0) await publishSignals(this.core.store, 'job', this.ref.id, fired)
    return result
  }

  /** Settles one part; true for the call that finished the job (see Job.done). */
  async settle(part: string, outcome: PartOutcome, op: OpId): Promise<boolean> {
    const what = `job.${outcome.kind === 'failed' ? 'fail' : 'done'}`
    const store = this.core.store.jobs
    const result = await this.run(what, op, (id) => store.donePart(this.ref, part, outcome, id))
    return result.lastOfClosedUnit
  }

  stop(reason: string | null, op: OpId): Promise<StopJobResult> {
    return this.run('job.stop', op, (id) => this.core.store.jobs.stopJob(this.ref, reason, id))
  }

  setTtl(ttlMs: number, op: OpId): Promise<{ expiresAt: number }> {
    return this.run('job.setTtl', op, (id) => this.core.store.jobs.setTtl(this.ref, ttlMs, id))
  }

  /**
   * Registers the job after a write `op` that created it (or when this process has not yet);
   * a failure names `op`, the call to repeat (see registerAfterWrite).
   */
  async register(result: { created: boolean; createdAt: number }, op: OpId): Promise<void> {
    const names = { name: this.ref.creation.name, description: null }
    const unit = { kind: 'job' as const, id: this.ref.id, what: 'the job write', op, names }
    await registerAfterWrite(this.core.store, unit, result)
  }
}

function effectsOf(result: unknown): WriteEffects {
  const { fired, due } = (result ?? {}) as Partial<WriteEffects>
  return { fired: Array.isArray(fired) ? fired : [], due: Array.isArray(due) ? due : [] }
}

/** The id of the `n`th store write of a call made of several. */
export function childOp(op: OpId, n: number): OpId {
  return `${op}.${n}`
}

/** Splits a trailing `{ opId }` off a rest list of parts. */
export function splitOptions<T>(args: readonly (T | WriteOptions)[]): {
  items: T[]
  options: WriteOptions | undefined
} {
  const last = args.at(-1)
  if (typeof last === 'object' && last !== null && !Array.isArray(last))
    return { items: args.slice(0, -1) as T[], options: last as WriteOptions }
  return { items: args as T[], options: undefined }
}
