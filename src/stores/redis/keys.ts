import { InvalidArgumentError } from '../../errors/jobledger-error.js'
import type { UnitKind } from '../../store/unit-ref.js'

/**
 * The keys of one distributed job, all in the slot of the job's hash tag (the table in
 * docs/ARCHITECTURE.md; lua/include/job.lua takes them in this order). Each batch's items
 * hash is the one key more (`batchItems`).
 */
export interface JobKeys {
  /** Hash: the parts record, policy, names, counters and timestamps. */
  state: string
  /** Bitmap for dense parts: bit 2i = part i was pushed, bit 2i+1 = part i is open. */
  bits: string
  /** Hash for other parts: part -> 'o' (open) or 'd' (settled). */
  parts: string
  /** List of `part\nreason`, in the order the parts failed. */
  failures: string
  /** Hash of the batches' records (`<index>:<field>`) and `op:<op>` -> index. */
  batches: string
  /** Set of the indices of batches whose part is open. */
  openBatches: string
  /** Lists of kept batch outcomes. */
  skipped: string
  errored: string
  missing: string
  /** Hash of registered callbacks per `<scope>|<signal>`. */
  callbacks: string
  /** Hash of due callbacks per `<scope>|<signal>`, until confirmed. */
  outbox: string
  /** Hash: the compact summary, kept summaryTtlMs after the details. */
  summary: string
}

/**
 * The fixed key set of a group, whatever its number of stages, in the group's hash tag
 * (docs/ARCHITECTURE.md has the table). Every group script takes all eight, in this order.
 */
export interface GroupKeys {
  /** Hash: the group's own fields, and each stage's parts record under `<n>:`. */
  state: string
  /** Hash: `<jobId>:<field>` per staged job, and `op:<op>` -> the job an enqueue made. */
  jobs: string
  /** Sorted set of stage numbers (score = number). */
  stages: string
  /** Sorted set: every job id, scored by its stage. */
  order: string
  /** Sorted set: queued job id -> when queued, until its dispatch is confirmed. */
  undispatched: string
  /** Hash: registered callbacks per `<scope>|<signal>`. */
  callbacks: string
  /** Hash: due callbacks per `<scope>|<signal>` until confirmed, and `expiresAt`. */
  outbox: string
  /** Hash: the compact record, kept `summaryTtlMs` after the details. */
  summary: string
}

/** The keys of one tracked queue, all in the slot of the queue's hash tag. */
export interface QueueKeys {
  /** Hash: createdAt, createOp, seq, the policy, and op -> item entries (include queue-item). */
  meta: string
  /** Hash id -> item record JSON (state, timestamps, attempts, lease, retention end). */
  items: string
  /** Hash id -> data JSON. */
  data: string
  /** Hash id -> result (finished) or errors (failed) JSON. */
  outcome: string
  /** List of waiting ids, oldest first. */
  waiting: string
  /** Sorted set of running ids by lease end. */
  running: string
  /** Sorted sets of finished and failed ids by retention end. */
  finished: string
  failed: string
  /** List holding at most one wake-up for blocked pops. */
  signal: string
}

// No ':' in a prefix: purging `app` scans `app:*`, which would also match a prefix `app:v2`.
const PREFIX_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/

/** Checks a key prefix (before any connection is opened) and returns it. */
export function validatePrefix(prefix: unknown): string {
  if (typeof prefix !== 'string' || !PREFIX_PATTERN.test(prefix)) {
    throw new InvalidArgumentError(
      `prefix ${JSON.stringify(prefix)} may only use letters, digits and _ . - (1 to 64 characters); no ':', so one prefix can never be the start of another's keys (use e.g. app.v2 instead of app:v2).`,
    )
  }
  return prefix
}

/**
 * The only place Redis keys are built. Every unit key carries the unit id as its hash tag,
 * `<prefix>:<kind>:{<id>}:<name>`, so a unit's keys share one cluster slot. Ids are validated
 * (no braces) before they get here, so an id can never close or open a tag.
 */
export class RedisKeys {
  readonly prefix: string

  constructor(prefix: string) {
    this.prefix = validatePrefix(prefix)
  }

  job(id: string): JobKeys {
    const base = this.#unit('job', id)
    return {
      state: `${base}:state`,
      bits: `${base}:bits`,
      parts: `${base}:parts`,
      failures: `${base}:failures`,
      batches: `${base}:batches`,
      openBatches: `${base}:open-batches`,
      skipped: this.batchOutcomes(id, 'skipped'),
      errored: this.batchOutcomes(id, 'errored'),
      missing: this.batchOutcomes(id, 'missing'),
      callbacks: `${base}:callbacks`,
      outbox: `${base}:outbox`,
      summary: `${base}:summary`,
    }
  }

  /** The three keys done-part takes (state, bits, parts), built without the rest. */
  jobPartKeys(id: string): string[] {
    const base = this.#unit('job', id)
    return [`${base}:state`, `${base}:bits`, `${base}:parts`]
  }

  /** The job's twelve keys in the order every job script takes them. */
  jobKeyList(id: string): string[] {
    const k = this.job(id)
    return [
      k.state,
      k.bits,
      k.parts,
      k.failures,
      k.batches,
      k.openBatches,
      k.skipped,
      k.errored,
      k.missing,
      k.callbacks,
      k.outbox,
      k.summary,
    ]
  }

  /** The hash of one batch of a job: item id -> name of the set the item is in. */
  batchItems(token: string, index: number): string {
    return `${this.#unit('job', token)}:batch:${index}:items`
  }

  /** The list of a job's kept batch outcomes of one kind (skipped, errored, missing). */
  batchOutcomes(token: string, kind: string): string {
    return `${this.#unit('job', token)}:outcomes:${kind}`
  }

  group(id: string): GroupKeys {
    const base = this.#unit('group', id)
    return {
      state: `${base}:state`,
      jobs: `${base}:jobs`,
      stages: `${base}:stages`,
      order: `${base}:order`,
      undispatched: `${base}:undispatched`,
      callbacks: `${base}:callbacks`,
      outbox: `${base}:outbox`,
      summary: `${base}:summary`,
    }
  }

  /** The group's keys in the order every group script takes them. */
  groupScriptKeys(id: string): string[] {
    const k = this.group(id)
    return [k.state, k.jobs, k.stages, k.order, k.undispatched, k.callbacks, k.outbox, k.summary]
  }

  /** Hash of one status: state, progress, total, timestamps, rev, fieldBytes and `f:<name>` fields. */
  status(id: string): string {
    return this.#unit('status', id)
  }

  queue(name: string): QueueKeys {
    const base = this.#unit('queue', name)
    return {
      meta: `${base}:meta`,
      items: `${base}:items`,
      data: `${base}:data`,
      outcome: `${base}:outcome`,
      waiting: `${base}:waiting`,
      running: `${base}:running`,
      finished: `${base}:finished`,
      failed: `${base}:failed`,
      signal: `${base}:signal`,
    }
  }

  /** The queue's nine keys in the order every queue script takes them (include queue-item). */
  queueKeyList(name: string): string[] {
    const k = this.queue(name)
    return [
      k.meta,
      k.items,
      k.data,
      k.outcome,
      k.waiting,
      k.running,
      k.finished,
      k.failed,
      k.signal,
    ]
  }

  /** Sorted set id -> createdAt of a kind's units; the kind's index keys share its tag. */
  registry(kind: UnitKind): string {
    return `${this.prefix}:registry:{${kind}}`
  }

  /** Hash id -> JSON [lower-case name, name, description] of a kind's named units. */
  registryMeta(kind: UnitKind): string {
    return `${this.registry(kind)}:meta`
  }

  /** Sorted set id -> createdAt of a kind's units whose lower-case name starts with `prefix`. */
  registryPrefix(kind: UnitKind, prefix: string): string {
    return `${this.registry(kind)}:name:${prefix}`
  }

  /** Units holding durable callbacks, scored by when recovery looks at them next. */
  callbackIndex(): string {
    return `${this.prefix}:callback-units`
  }

  /** A SCAN pattern matching every key of this namespace (for purging only). */
  namespacePattern(): string {
    return `${this.prefix}:*`
  }

  channel(topic: string): string {
    return `${this.prefix}:events:${topic}`
  }

  #unit(kind: UnitKind, id: string): string {
    return `${this.prefix}:${kind}:{${id}}`
  }
}
