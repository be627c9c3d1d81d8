import {
  type DueCallbacks,
  MAX_CALLBACKS_PER_SIGNAL,
  validateScope,
  validateSignal,
} from '../../domain/job-callbacks.js'
import type { RegisterCallbackResult } from '../../domain/job-results.js'
import type { OpId } from '../../domain/op-id.js'
import { type CallbackSpec, outboxField } from '../../domain/outbox.js'
import type { Signal } from '../../domain/signals.js'
import type { JobCallbackStore } from '../../store/job-callback-store.js'
import type { JobRef } from '../../store/job-store.js'
import type { RedisDriver } from './driver.js'
import type { RedisKeys } from './keys.js'
import { hashOf } from './redis-job-fields.js'
import { creationArgs, type RedisJobScripts } from './redis-job-scripts.js'
import { integer } from './replies.js'
import { SCRIPTS } from './scripts.generated.js'

interface StoredEntry {
  dueAt: number
  callbacks: CallbackSpec[]
}

/**
 * Durable callbacks of jobs in Redis: registered in the job's callbacks hash, copied into
 * its outbox hash by the write that fires the signal (lua/include/outbox.lua), confirmed one
 * by one (`<field>|ok` lists the confirmed names until the entry goes, `<field>|by` the op
 * that confirmed each, as long as the outbox is kept).
 */
export class RedisJobCallbacks implements JobCallbackStore {
  readonly #driver: RedisDriver
  readonly #keys: RedisKeys
  readonly #scripts: RedisJobScripts

  constructor(driver: RedisDriver, keys: RedisKeys, scripts: RedisJobScripts) {
    this.#driver = driver
    this.#keys = keys
    this.#scripts = scripts
  }

  async registerCallback(
    ref: JobRef,
    scope: string,
    signal: Signal,
    spec: CallbackSpec,
    op: OpId,
  ): Promise<RegisterCallbackResult> {
    const target = validateScope(scope)
    validateSignal(signal)
    const json = JSON.stringify({ name: spec.name, args: spec.args })
    const args = [...creationArgs(ref), scope, signal, spec.name, json, MAX_CALLBACKS_PER_SIGNAL]
    const index = target.batch === null ? {} : { index: target.batch }
    const context = { id: ref.id, scope, signal, ...index }
    const reply = await this.#scripts.run(SCRIPTS.registerCallback, ref.id, op, args, 3, context)
    const [created, createdAt = 0, registered = 0] = reply.values
    return { created: created === 1, createdAt, registered }
  }

  async readCallbacks(id: string, scope: string, signal: Signal): Promise<CallbackSpec[]> {
    const keys = this.#keys.job(id)
    const [expiresAt, list] = await Promise.all([
      this.#driver.command('HGET', [keys.state, 'expiresAt']),
      this.#driver.command('HGET', [keys.callbacks, outboxField(scope, signal)]),
    ])
    if (Number(expiresAt ?? 0) <= this.#scripts.clock.now() || typeof list !== 'string') return []
    return JSON.parse(list) as CallbackSpec[]
  }

  async readOutbox(id: string): Promise<DueCallbacks[]> {
    const fields = hashOf(await this.#driver.command('HGETALL', [this.#keys.job(id).outbox]))
    const entries: DueCallbacks[] = []
    if (Number(fields.get('') ?? 0) <= this.#scripts.clock.now()) return entries
    for (const [field, raw] of fields) {
      if (field === '' || field.endsWith('|ok') || field.endsWith('|by')) continue
      const confirmed = new Set(JSON.parse(fields.get(`${field}|ok`) ?? '[]') as string[])
      const entry = JSON.parse(raw) as StoredEntry
      const at = field.lastIndexOf('|')
      entries.push({
        scope: field.slice(0, at),
        signal: field.slice(at + 1) as Signal,
        dueAt: entry.dueAt,
        callbacks: entry.callbacks.filter((cb) => !confirmed.has(cb.name)),
      })
    }
    return entries.sort(
      (a, b) =>
        a.dueAt - b.dueAt ||
        compare(outboxField(a.scope, a.signal), outboxField(b.scope, b.signal)),
    )
  }

  async confirmCallback(
    id: string,
    scope: string,
    signal: Signal,
    name: string,
    op: OpId,
  ): Promise<boolean> {
    const keys = [this.#keys.job(id).outbox]
    const args = [outboxField(scope, signal), name]
    return (
      integer(
        await this.#scripts.raw(SCRIPTS.confirmCallback, keys, op, args),
        'confirm-callback',
      ) === 1
    )
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
