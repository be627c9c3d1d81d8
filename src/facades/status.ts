import { newOpId, type OpId } from '../domain/op-id.js'
import { type StatusPolicy, secondsAliasToMs, validateDurationMs } from '../domain/policy.js'
import { fieldLimitError, MAX_FIELD_BYTES } from '../domain/status-fields.js'
import type { StatusState } from '../domain/status-state.js'
import { type UnitRef, validateUnitRef } from '../domain/unit-ref.js'
import { NotFoundError } from '../errors/jobledger-error.js'
import type { RegistryNames } from '../store/registry-store.js'
import type { StatusPatch, StatusRef } from '../store/status-store.js'
import type { LedgerCore } from './ledger-core.js'
import { registerAfterWrite } from './registered-units.js'
import {
  patchFromField,
  patchFromUpdate,
  validateCount,
  validateIncrement,
} from './status-input.js'
import { emptyPatch, withoutFields } from './status-patch.js'
import {
  type OverflowRule,
  type PendingTracker,
  type Scheduler,
  type SendError,
  StatusWriter,
} from './status-writer.js'

export interface StatusOptions {
  /**
   * The ttl a status created by this handle gets, in ms (default: the ledger's
   * `defaults.status.ttlMs`, one hour). It lives between ttl and 1.5 × ttl after its last
   * write. An existing status keeps its own; `setTtl()` changes it.
   */
  ttlMs?: number
  /** Legacy alias of `ttlMs`, in seconds. */
  expiresIn?: number
  /** Coalesce throttled writes to at most one per this many ms. Default 0 (every call writes). */
  throttleMs?: number
  /** A display name for lists and search (1 to 200 characters), registered when the status is created. */
  name?: string
  /** What the status tracks (at most 1,024 characters), registered with its name. */
  description?: string
  /**
   * The unit the status reports on, kept with the status when this handle creates it: the
   * dashboard links the status and the unit (e.g. `{ kind: 'queue-item', queue, id }` with the
   * id `queueItemStatusId(item)`, which the item's page looks for).
   */
  subject?: UnitRef
}

export interface UpdateOptions {
  /** Write now, with everything pending, even when throttled. */
  force?: boolean
  /**
   * Repeat an earlier write (written now): a status remembers its last 64 operations, and one
   * of them repeated changes nothing.
   */
  opId?: string
}

/** What `update` takes: `status`, `progress` and `total` set the status itself, the rest are fields. */
export type StatusUpdate = {
  status?: StatusState
  progress?: number
  total?: number
} & Record<string, unknown>

/** The progress counter of a status. */
export interface StatusProgress {
  /** Sets the total (written at once). */
  setTotal(total: number): Promise<void>
  /** Sets the progress (written at once). */
  set(progress: number): Promise<void>
  /** Adds `n` (default 1); throttled, unless `{ opId }` repeats an earlier increment (then at once). */
  increment(n?: number, options?: UpdateOptions): Promise<void>
  /** Subtracts `n` (default 1); throttled. */
  decrement(n?: number): Promise<void>
  /** Sets progress to the total, writing everything pending at once. */
  finish(): Promise<void>
}

/**
 * The status of one job, written by the job (or anyone else) and read by anyone by id.
 * Without `throttleMs` every call is one store write. With it, `update`, `increment` and
 * `decrement` resolve once buffered and are coalesced into at most one write per interval;
 * nothing is dropped: `flush()`, `finish()`, `set`, `setTotal`, `progress.set`, a status
 * change, `{ force: true }`, `ledger.close()` and the process's `beforeExit` write it.
 *
 * A failed write is never retried in a loop. A call that waits for its write rejects and its
 * change is dropped (the caller owns the retry, so nothing counts twice); an update refused for
 * its fields writes nothing. Buffered changes stay queued and are retried with capped backoff
 * for a few attempts, then wait: the next buffered call is refused with the error, and the
 * next flush or awaited write tries them again. Buffered fields over the limit are dropped
 * (the rest written) and reported by the next flush.
 *
 * @example
 * const status = ledger.status(job.id, { throttleMs: 100 })
 * await status.update({ step: 'A', total: 100 })
 * for (const row of rows) { await work(row); await status.progress.increment() }
 * await status.set('step', 'B')
 */
export class Status {
  readonly id: string
  readonly progress: StatusProgress
  readonly #core: LedgerCore
  readonly #unit: StatusRef
  readonly #names: RegistryNames
  readonly #writer: StatusWriter
  readonly #throttled: boolean

  constructor(
    core: LedgerCore,
    unit: StatusRef,
    throttleMs: number,
    scheduler: Scheduler,
    tracker: PendingTracker,
    names: RegistryNames = { name: null, description: null },
  ) {
    this.#core = core
    this.#names = names
    this.#unit = unit
    this.id = unit.id
    this.#throttled = throttleMs > 0
    this.#writer = new StatusWriter(
      (patch, overflow, opId) => this.#send(patch, overflow, opId ?? newOpId()),
      throttleMs,
      scheduler,
      tracker,
    )
    this.progress = {
      setTotal: async (total) =>
        this.#now({ ...emptyPatch(), total: validateCount(total, 'total') }),
      set: async (n) => this.#now({ ...emptyPatch(), progress: validateCount(n, 'progress') }),
      increment: async (n = 1, options?: UpdateOptions) =>
        this.#counted({ ...emptyPatch(), increment: validateIncrement(n) }, options),
      decrement: async (n = 1) =>
        this.#later({ ...emptyPatch(), increment: -validateIncrement(n) }),
      finish: async () => this.#now({ ...emptyPatch(), finish: true }),
    }
  }

  /** Store writes this handle has made (coalesced writes count once). */
  get writes(): number {
    return this.#writer.writes
  }

  /** Sets fields, and the status, progress or total when named; throttled unless it changes the status or `force`. */
  async update(fields: StatusUpdate, options: UpdateOptions = {}): Promise<void> {
    const patch = patchFromUpdate(fields)
    const opId = options?.opId === undefined ? undefined : this.#core.writes.opIdOf(options)
    if (opId !== undefined) return this.#writer.writeNow(patch, opId)
    return patch.state !== undefined || options?.force === true
      ? this.#now(patch)
      : this.#later(patch)
  }

  /** Sets one custom field, written at once. Reserved names (status, progress, total, …) are refused. */
  async set(key: string, value: unknown): Promise<void> {
    return this.#now(patchFromField(key, value))
  }

  /** Writes everything pending and waits until it is stored. */
  flush(): Promise<void> {
    return this.#writer.flush()
  }

  #now(patch: StatusPatch): Promise<void> {
    return this.#writer.writeNow(patch)
  }

  #counted(patch: StatusPatch, options: UpdateOptions | undefined): Promise<void> {
    if (options?.opId === undefined) return this.#later(patch)
    return this.#writer.writeNow(patch, this.#core.writes.opIdOf(options))
  }

  async #later(patch: StatusPatch): Promise<void> {
    if (!this.#throttled) return this.#writer.writeNow(patch)
    this.#writer.buffer(patch)
  }

  /** Seconds until the status expires unless written again; null when it does not exist. */
  async expiresIn(): Promise<number | null> {
    const ms = await this.#core.store.statuses.ttlMs(this.id)
    return ms === null ? null : ms / 1000
  }

  /**
   * Changes the status's own ttl (ms) and sets its deadline to now + ttl + ttl/2; NOT_FOUND
   * when the status does not exist (write it first).
   */
  async setTtl(ttlMs: number, options?: { opId?: string }): Promise<void> {
    const ms = validateDurationMs(ttlMs, 'ttlMs')
    const op = this.#core.writes.opIdOf(options)
    const found = await this.#core.writes.run('status.setTtl', op, (o) =>
      this.#core.store.statuses.setTtl(this.id, ms, o),
    )
    if (!found)
      throw new NotFoundError(
        `Status ${this.id} does not exist; write it before setting its ttl.`,
        {
          details: { id: this.id },
        },
      )
  }

  /**
   * Writes a patch. Fields that would overflow the limit make it write nothing (`refuse`), or
   * are dropped with the rest written (`dropFields`, for buffered changes only); either is reported.
   */
  async #send(patch: StatusPatch, overflow: OverflowRule, op: OpId): Promise<SendError | null> {
    const statuses = this.#core.store.statuses
    const result = await this.#core.writes.run('status write', op, (o) =>
      statuses.writeStatus(this.#unit, patch, MAX_FIELD_BYTES, o),
    )
    if (!result.ok) {
      const error = fieldLimitError(result.fieldBytes)
      const rest = overflow === 'dropFields' ? withoutFields(patch) : null
      if (rest === null) return { written: overflow === 'dropFields', droppedFields: true, error }
      const again = await this.#send(rest, 'refuse', `${op}.1`)
      return again ?? { written: true, droppedFields: true, error }
    }
    // The status is written; a failed (idempotent) registration is reported, never rewritten.
    const names = this.#names
    const unit = { kind: 'status' as const, id: this.id, what: 'the status write', op, names }
    return registerAfterWrite(this.#core.store, unit, result).then(
      () => null,
      (error: unknown) => ({
        written: true,
        droppedFields: false,
        error: error instanceof Error ? error : new Error(String(error)),
      }),
    )
  }
}

/** The unit a status created by a handle with these options reports on. */
export function statusSubjectOf(options: StatusOptions): UnitRef | null {
  return options.subject === undefined ? null : validateUnitRef(options.subject, 'subject')
}

/** The policy a status created by a handle with these options gets. */
export function statusCreationOf(options: StatusOptions, defaults: StatusPolicy): StatusPolicy {
  if (options.ttlMs !== undefined) return { ttlMs: validateDurationMs(options.ttlMs, 'ttlMs') }
  if (options.expiresIn !== undefined)
    return { ttlMs: secondsAliasToMs(options.expiresIn, 'expiresIn', 'ttlMs') }
  return defaults
}
