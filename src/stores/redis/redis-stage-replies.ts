import type { GroupFacts } from '../../domain/group-life.js'
import { summaryOf } from '../../domain/group-life.js'
import {
  type AdvanceResult,
  type FiredSignal,
  type GroupFailure,
  STAGED_JOB_STATUSES,
  type StagedJobCounts,
  type StagedJobRecord,
  type StagedJobStatus,
} from '../../domain/group-records.js'
import type { PartsRecord } from '../../domain/parts.js'
import type { Signal, SignalTimes } from '../../domain/signals.js'
import { JobledgerError } from '../../errors/jobledger-error.js'

/** GROUP_RECORD of lua/include/group-unit.lua, in its order. */
export const GROUP_RECORD_FIELDS = [
  'name',
  'description',
  'createdAt',
  'ttlMs',
  'keepCompletedMs',
  'summaryTtlMs',
  'expiresAt',
  'sealed',
  'current',
  'stageCount',
  'startedAt',
  'stopped',
  'stopReason',
  'sig:succeeded',
  'sig:settled',
  'sig:failed',
  'sig:stopped',
  ...STAGED_JOB_STATUSES.map((status) => `count:${status}`),
  'ff:job',
  'ff:stage',
  'ff:name',
  'ff:at',
  'ff:error',
] as const

/** JOB_RECORD of lua/include/group-jobs.lua, in its order. */
export const JOB_RECORD_FIELDS = [
  'n',
  'a',
  's',
  'st',
  'm',
  'q',
  'd',
  'r',
  'at',
  't0',
  't1',
  'e',
  'c',
]

/** The fields of a stage's parts record (lua/include/parts.lua PARTS_FIELDS), under `<n>:`. */
const PARTS_FIELDS = ['total', 'open', 'succeeded', 'failed', 'closed', 'stopped', 'startedAt']

type Raw = string | null | undefined

function optionalNumber(value: Raw): number | null {
  return value === null || value === undefined || value === '' ? null : Number(value)
}

/** A value of a script's reply: null for a missing field (Lua false), else its text. */
export function decoded(value: unknown): string | null {
  if (typeof value === 'string') return value
  return typeof value === 'number' ? String(value) : null
}

function signalsOf(get: (name: string) => Raw): SignalTimes {
  const times = (signal: Signal) => optionalNumber(get(`sig:${signal}`))
  return {
    succeeded: times('succeeded'),
    settled: times('settled'),
    failed: times('failed'),
    stopped: times('stopped'),
  }
}

function failureOf(get: (name: string) => Raw): GroupFailure | null {
  const jobId = get('ff:job')
  if (jobId === null || jobId === undefined) return null
  const error = get('ff:error')
  return {
    jobId,
    stage: Number(get('ff:stage')),
    name: get('ff:name') ?? '',
    at: Number(get('ff:at')),
    error: error ? JSON.parse(error) : null,
  }
}

/** A group's facts from its stored fields (a state or summary hash, or a reply). */
export function groupFactsOf(id: string, get: (name: string) => Raw): GroupFacts {
  const counts = Object.fromEntries(
    STAGED_JOB_STATUSES.map((status) => [status, Number(get(`count:${status}`) ?? 0)]),
  ) as StagedJobCounts
  return {
    id,
    name: get('name') ?? null,
    description: get('description') ?? '',
    createdAt: Number(get('createdAt')),
    policy: {
      ttlMs: Number(get('ttlMs')),
      keepCompletedMs: Number(get('keepCompletedMs')),
      summaryTtlMs: Number(get('summaryTtlMs')),
    },
    expiresAt: Number(get('expiresAt')),
    sealed: get('sealed') === '1',
    current: optionalNumber(get('current')),
    stageCount: Number(get('stageCount') ?? 0),
    counts,
    signals: signalsOf(get),
    startedAt: optionalNumber(get('startedAt')),
    stopped: get('stopped') === '1',
    stopReason: get('stopReason') ?? null,
    firstFailure: failureOf(get),
  }
}

/** Facts from GROUP_RECORD values in order (raw, or encoded by a script). */
export function groupFactsOfValues(id: string, values: readonly Raw[]): GroupFacts {
  const byName = new Map(GROUP_RECORD_FIELDS.map((name, i) => [name as string, values[i]]))
  return groupFactsOf(id, (name) => byName.get(name))
}

/** A stage's parts record from its `<n>:` fields. */
export function partsOf(get: (name: string) => Raw): PartsRecord {
  const [total, open, succeeded, failed, closed, stopped, startedAt] = PARTS_FIELDS.map(get)
  return {
    total: Number(total ?? 0),
    open: Number(open ?? 0),
    succeeded: Number(succeeded ?? 0),
    failed: Number(failed ?? 0),
    closed: closed === '1',
    stopped: stopped === '1',
    startedAt: optionalNumber(startedAt),
    signals: signalsOf(get),
    finishOp: get('finishOp') ?? null,
  }
}

/** A staged job from its JOB_RECORD values (raw); null when the job is gone. */
export function stagedJobOf(groupId: string, id: string, row: readonly Raw[]) {
  const [
    name,
    args,
    stage,
    status,
    message,
    queued,
    delay,
    runAt,
    attempts,
    t0,
    t1,
    error,
    carrier,
  ] = row
  if (name === null || name === undefined || status === null || status === undefined) return null
  const job: StagedJobRecord = {
    id,
    groupId,
    stage: Number(stage),
    name,
    argsJson: args ?? '[]',
    status: status as StagedJobStatus,
    statusMessage: message ?? null,
    queueTime: Number(queued),
    delayMs: optionalNumber(delay),
    runAt: optionalNumber(runAt),
    attempts: Number(attempts ?? 0),
    startedAt: optionalNumber(t0),
    finishedAt: optionalNumber(t1),
    error: error ? JSON.parse(error) : null,
    carrier: carrier ? JSON.parse(carrier) : null,
  }
  return job
}

/** Reads a script's array reply from the front. */
export class ReplyReader {
  readonly #reply: readonly unknown[]
  #at: number

  constructor(reply: readonly unknown[], at = 0) {
    this.#reply = reply
    this.#at = at
  }

  get done(): boolean {
    return this.#at >= this.#reply.length
  }

  next(): unknown {
    if (this.done) throw unexpected(this.#reply)
    return this.#reply[this.#at++]
  }

  number(): number {
    return Number(this.next())
  }

  /** `n` values of stored fields. */
  decodedValues(n: number): (string | null)[] {
    return Array.from({ length: n }, () => decoded(this.next()))
  }

  /** A job reply: its id, then its JOB_RECORD values. */
  job(groupId: string): StagedJobRecord {
    const id = String(this.next())
    const job = stagedJobOf(groupId, id, this.decodedValues(JOB_RECORD_FIELDS.length))
    if (!job) throw unexpected(this.#reply)
    return job
  }

  /** `count` fired signals: scope, signal, due. */
  fired(count: number): FiredSignal[] {
    return Array.from({ length: count }, () => ({
      scope: String(this.next()),
      signal: String(this.next()) as Signal,
      due: this.next() === 1,
    }))
  }
}

/** The advance reply of lua/include/group-advance.lua (its code already read as 1). */
export function advanceResultOf(groupId: string, reader: ReplyReader): AdvanceResult {
  const fired = reader.fired(reader.number())
  const completed =
    reader.next() === 1
      ? summaryOf(groupFactsOfValues(groupId, reader.decodedValues(GROUP_RECORD_FIELDS.length)))
      : null
  const dispatch: StagedJobRecord[] = []
  while (!reader.done) dispatch.push(reader.job(groupId))
  return { dispatch, completed, fired }
}

/** HGETALL arrives as a map (RESP3: an object or a Map) or a flat list. */
export function hashEntries(reply: unknown): Map<string, string> {
  if (reply instanceof Map) return new Map([...reply].map(([k, v]) => [String(k), String(v)]))
  if (Array.isArray(reply)) {
    const entries = new Map<string, string>()
    for (let i = 0; i + 1 < reply.length; i += 2)
      entries.set(String(reply[i]), String(reply[i + 1]))
    return entries
  }
  if (reply !== null && typeof reply === 'object') {
    return new Map(Object.entries(reply).map(([k, v]) => [k, String(v)]))
  }
  return new Map()
}

export function unexpected(reply: unknown): JobledgerError {
  return new JobledgerError('INTERNAL', 'A stage script returned an unexpected reply.', {
    details: { reply },
  })
}
