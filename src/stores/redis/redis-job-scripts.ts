import type { FiredSignal } from '../../domain/job-results.js'
import type { OpId } from '../../domain/op-id.js'
import { isRefusalCode, type RefusalContext, refusalError } from '../../domain/refusals.js'
import type { Signal } from '../../domain/signals.js'
import { isJobledgerError, JobledgerError } from '../../errors/jobledger-error.js'
import type { JobRef } from '../../store/job-store.js'
import type { RedisArg, RedisDriver, ScriptDefinition } from './driver.js'
import type { RedisKeys } from './keys.js'
import type { ScriptClock } from './script-clock.js'
import { SCRIPTS } from './scripts.generated.js'

/** A job script's reply (lua/include/job.lua job_reply), decoded. */
export interface JobReply {
  values: number[]
  fired: FiredSignal[]
  due: FiredSignal[]
}

/** Batch indices refreshed per refresh-batches call. */
const REFRESH_CHUNK = 1_000

function firedOf(field: unknown): FiredSignal {
  const text = String(field)
  const at = text.lastIndexOf('|')
  return { scope: text.slice(0, at), signal: text.slice(at + 1) as Signal }
}

/** Decodes job_reply; a refusal code throws the refusal's error. */
export function decodeJobReply(
  reply: unknown,
  nValues: number,
  context: RefusalContext,
): JobReply & { refresh: number[] } {
  if (isRefusalCode(reply)) throw refusalError(reply, context)
  if (!Array.isArray(reply) || reply.length < nValues + 3)
    throw new JobledgerError('INTERNAL', 'A job script returned an unexpected reply.', {
      details: { reply },
    })
  const values = reply.slice(0, nValues).map(Number)
  const [refreshCount, firedCount, dueCount] = reply.slice(nValues, nValues + 3).map(Number)
  const firedAt = nValues + 3 + (refreshCount ?? 0)
  const dueAt = firedAt + (firedCount ?? 0)
  const refresh = reply.slice(nValues + 3, firedAt).map(Number)
  const fired = reply.slice(firedAt, dueAt).map(firedOf)
  const due = reply.slice(dueAt, dueAt + (dueCount ?? 0)).map(firedOf)
  return { values, refresh, fired, due }
}

/** The creation arguments every creating job script takes as ARGV[3..6]. */
export function creationArgs(ref: JobRef): RedisArg[] {
  const { policy, name, description } = ref.creation
  return [policy.ttlMs, policy.summaryTtlMs, name ?? '', description ?? '']
}

/**
 * Runs the job scripts: the clock and the operation id first (ARGV[1], ARGV[2]), the job's
 * twelve keys (plus a batch's items hash), and, when the write moved the job's deadline with
 * batches open, the refresh-batches follow-up before the answer is returned.
 */
export class RedisJobScripts {
  readonly #driver: RedisDriver
  readonly #keys: RedisKeys
  readonly #clock: ScriptClock

  constructor(driver: RedisDriver, keys: RedisKeys, clock: ScriptClock) {
    this.#driver = driver
    this.#keys = keys
    this.#clock = clock
  }

  get clock(): ScriptClock {
    return this.#clock
  }

  /** One call of `script` with the job's keys (and `extraKeys`); its refusals throw. */
  async run(
    script: ScriptDefinition,
    id: string,
    op: OpId,
    args: readonly RedisArg[],
    nValues: number,
    context: RefusalContext,
    extraKeys: readonly string[] = [],
  ): Promise<JobReply> {
    const reply = await this.raw(script, [...this.#keys.jobKeyList(id), ...extraKeys], op, args)
    const decoded = decodeJobReply(reply, nValues, context)
    if (decoded.refresh.length > 0) await this.refreshAfter(id, op, decoded.refresh)
    return decoded
  }

  /**
   * The refresh that follows a write which moved the deadline. The write stands whatever
   * becomes of it: when the store is unavailable the write's answer is still returned, and the
   * job's next write asks for the refresh again (its `batchesAt` is behind its deadline).
   */
  async refreshAfter(id: string, op: OpId, indices: number[]): Promise<void> {
    try {
      await this.refresh(id, op, indices)
    } catch (error) {
      if (!(isJobledgerError(error) && error.code === 'STORE_UNAVAILABLE')) throw error
    }
  }

  /** One call of `script` with exactly `keys`; the reply as it came. */
  raw(
    script: ScriptDefinition,
    keys: readonly string[],
    op: OpId,
    args: readonly RedisArg[],
  ): Promise<unknown> {
    return this.#driver.runScript(script, keys, [this.#clock.arg(), op, ...args])
  }

  /** Moves the items of the open batches `indices` to the job's deadline (refresh-batches). */
  async refresh(id: string, op: OpId, indices: number[]): Promise<void> {
    const job = this.#keys.job(id)
    for (let start = 0; start < indices.length; start += REFRESH_CHUNK) {
      const chunk = indices.slice(start, start + REFRESH_CHUNK)
      const items = chunk.map((index) => this.#keys.batchItems(id, index))
      const last = start + REFRESH_CHUNK >= indices.length ? '1' : '0'
      const keys = [job.state, job.openBatches, ...items]
      await this.raw(SCRIPTS.refreshBatches, keys, op, [last, ...chunk])
    }
  }
}
