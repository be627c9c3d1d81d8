import type { OpId } from '../domain/op-id.js'
import type { CallbackSpec } from '../domain/outbox.js'
import type { Signal } from '../domain/signals.js'
import { JobledgerError } from '../errors/jobledger-error.js'
import { type Logger, log } from '../logger.js'
import type { CallbackUnitKind } from '../store/callback-index-store.js'
import type { Store } from '../store/store.js'
import { type FiredCallback, toCallbackPayload } from './callback-payload.js'
import type { Dispatch } from './stage-payload.js'
import type { WriteRunner } from './write-runner.js'

/** A due outbox entry of either kind of unit, as dispatch works through it. */
export interface DueEntry {
  scope: string
  signal: Signal
  dueAt: number
  callbacks: CallbackSpec[]
}

/** A signal a write fired (scope '' the unit itself). */
export interface SignalRef {
  scope: string
  signal: Signal
}

export interface DispatchOutcome {
  /** Callbacks handed to dispatch and confirmed. */
  dispatched: number
  /** Callbacks whose dispatch (or confirmation) failed: they stay due. */
  failed: number
}

/** Published (`{ kind, id, scope, signal, name, code, message }`) when a callback's dispatch fails. */
export const CALLBACKS_ERROR = 'callbacks.error'

/**
 * Hands due callbacks to the ledger's `dispatch` and confirms each in the store. Only the
 * write that made an entry due (or recovery, for one left due) calls this, so a callback
 * reaches dispatch once when nothing crashes; a dispatch that throws, or a process that dies
 * before the confirmation, leaves it due for `cleanupOrphans` (at least once).
 */
export class CallbackDispatch {
  readonly #store: Store
  readonly #writes: WriteRunner
  readonly #dispatch: Dispatch | undefined
  readonly #logger: Logger | undefined
  /** Set once this ledger (without dispatch) warned that callbacks stay due. */
  #warnedNoDispatch = false

  constructor(
    store: Store,
    writes: WriteRunner,
    dispatch: Dispatch | undefined,
    logger: Logger | undefined,
  ) {
    this.#store = store
    this.#writes = writes
    this.#dispatch = dispatch
    this.#logger = logger
  }

  get canDispatch(): boolean {
    return this.#dispatch !== undefined
  }

  /**
   * After a write whose result lists `due` signals: dispatches and confirms their callbacks.
   * Never throws (the write it follows stands and its answer must reach the caller): what
   * fails is reported and stays due.
   */
  async afterWrite(
    kind: CallbackUnitKind,
    id: string,
    due: readonly SignalRef[],
  ): Promise<DispatchOutcome> {
    const outcome: DispatchOutcome = { dispatched: 0, failed: 0 }
    if (due.length === 0) return outcome
    if (!this.#dispatch) {
      this.#warnNoDispatch(kind, id, due)
      return outcome
    }
    try {
      const entries =
        kind === 'job'
          ? await this.#store.jobs.readOutbox(id)
          : await this.#store.stages.readOutbox(id, null)
      const mine = entries.filter(isIn(due))
      Object.assign(outcome, await this.dispatchEntries(kind, id, mine))
      if (outcome.failed === 0) await this.forgetWhenOver(kind, id)
    } catch (error) {
      const [first] = due
      if (first) await this.#report(error, { kind, id, ...first, firedAt: 0 }, '')
    }
    return outcome
  }

  /** Dispatches every callback of `entries` and confirms what reached dispatch. */
  async dispatchEntries(
    kind: CallbackUnitKind,
    id: string,
    entries: readonly DueEntry[],
  ): Promise<DispatchOutcome> {
    const outcome: DispatchOutcome = { dispatched: 0, failed: 0 }
    if (!this.#dispatch) return outcome
    for (const entry of entries) {
      const fired: FiredCallback = { kind, id, ...entry, firedAt: entry.dueAt }
      const sent: string[] = []
      for (const spec of entry.callbacks) {
        try {
          await this.#dispatch(toCallbackPayload(fired, spec))
          sent.push(spec.name)
        } catch (error) {
          outcome.failed++
          await this.#report(error, fired, spec.name)
        }
      }
      try {
        await this.#confirm(kind, id, entry, sent)
        outcome.dispatched += sent.length
      } catch (error) {
        outcome.failed += sent.length
        await this.#report(error, fired, sent.join(','))
      }
    }
    return outcome
  }

  async #confirm(
    kind: CallbackUnitKind,
    id: string,
    entry: DueEntry,
    names: readonly string[],
  ): Promise<void> {
    const { scope, signal } = entry
    if (kind === 'group') {
      // A group's entry is confirmed whole: only once every callback of it was dispatched.
      if (names.length < entry.callbacks.length) return
      await this.#write('confirmOutbox', (op) =>
        this.#store.stages.confirmOutbox(id, scope, signal, op),
      )
      return
    }
    for (const name of names)
      await this.#write('confirmCallback', (op) =>
        this.#store.jobs.confirmCallback(id, scope, signal, name, op),
      )
  }

  #write<T>(what: string, write: (op: OpId) => Promise<T>): Promise<T> {
    return this.#writes.run(what, this.#writes.opIdOf(undefined), write)
  }

  /**
   * Removes a unit from the callback index once nothing more can become due: it is gone, or
   * its signals are over (settled, or a stopped group) and its outbox is empty.
   */
  async forgetWhenOver(kind: CallbackUnitKind, id: string): Promise<boolean> {
    const over = kind === 'job' ? await this.#jobOver(id) : await this.#groupOver(id)
    if (!over) return false
    await this.#store.callbackIndex.forget(kind, id)
    return true
  }

  async #jobOver(id: string): Promise<boolean> {
    if ((await this.#store.jobs.readOutbox(id)).length > 0) return false
    const record = await this.#store.jobs.readJob(id)
    // Details gone: nothing of this job can fire any more.
    if (!record) return true
    const { signals } = record.parts
    if (signals.settled === null) return false
    if (signals.stopped !== null) return true
    // A stop after settling still fires the job's `stopped`.
    return (await this.#store.jobs.readCallbacks(id, '', 'stopped')).length === 0
  }

  async #groupOver(id: string): Promise<boolean> {
    if ((await this.#store.stages.readOutbox(id, null)).length > 0) return false
    const group = await this.#store.stages.readGroup(id)
    if (!group || group.compact || group.signals.settled !== null) return true
    return group.signals.stopped !== null && group.counts.running === 0
  }

  /** A write of this ledger made callbacks due and it has no dispatch: they stay due (said once). */
  #warnNoDispatch(kind: CallbackUnitKind, id: string, due: readonly SignalRef[]): void {
    if (this.#warnedNoDispatch) return
    this.#warnedNoDispatch = true
    const signals = due.map((ref) => `${ref.scope || 'unit'}|${ref.signal}`)
    log(
      this.#logger,
      'warn',
      { kind, id, signals },
      'callbacks are due and this ledger has no dispatch: they stay due until a ledger created with dispatch runs cleaner.cleanupOrphans() (or its sweeper); give every ledger that writes the same dispatch (said once per ledger)',
    )
  }

  async #report(error: unknown, fired: FiredCallback, name: string): Promise<void> {
    const code = error instanceof JobledgerError ? error.code : 'INTERNAL'
    const message = error instanceof Error ? error.message : String(error)
    const { kind, id, scope, signal } = fired
    const context = { kind, id, scope, signal, name, code, message }
    log(
      this.#logger,
      'warn',
      context,
      'a callback stays due: ledger.cleaner.cleanupOrphans() dispatches it again',
    )
    await this.#store.events.publish(CALLBACKS_ERROR, context).catch(() => {})
  }
}

function isIn(refs: readonly SignalRef[]): (entry: DueEntry) => boolean {
  return (entry) => refs.some((ref) => ref.scope === entry.scope && ref.signal === entry.signal)
}
