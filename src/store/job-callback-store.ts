import type { DueCallbacks } from '../domain/job-callbacks.js'
import type { RegisterCallbackResult } from '../domain/job-results.js'
import type { OpId } from '../domain/op-id.js'
import type { CallbackSpec } from '../domain/outbox.js'
import type { Signal } from '../domain/signals.js'
import type { JobRef } from './job-store.js'

export type { DueCallbacks } from '../domain/job-callbacks.js'

/**
 * Durable callbacks of a job and its batches (domain/job-callbacks.ts holds the rules).
 * Scope '' is the job, `batch:<index>` one of its batches. The write that fires a signal
 * copies that (scope, signal)'s callbacks into the job's outbox in the same atomic step and
 * lists it in its result's `due`; an entry stays until each of its callbacks is confirmed.
 * The outbox outlives the job's details by the job's summary ttl.
 */
export interface JobCallbackStore {
  /**
   * Registers a callback (a job-scope registration creates the job: register it in the
   * registry when the result says `created`, as every creating write does). Refused with
   * SIGNAL_ALREADY_FIRED (INVALID_TRANSITION) when that signal already fired, CALLBACKS_FULL
   * when the signal holds the most callbacks it may, BATCH_NOT_FOUND for a batch scope that
   * does not exist; nothing is written then. A callback with the same name replaces the
   * earlier one. The spec must be checked (validateCallbackSpec) before the call; a bad scope
   * or signal is refused with INVALID_ARGUMENT by every store.
   */
  registerCallback(
    ref: JobRef,
    scope: string,
    signal: Signal,
    spec: CallbackSpec,
    op: OpId,
  ): Promise<RegisterCallbackResult>
  /** The job's callbacks registered for (scope, signal), in registration order. */
  readCallbacks(id: string, scope: string, signal: Signal): Promise<CallbackSpec[]>
  /** The due outbox entries (unconfirmed callbacks only), oldest first. */
  readOutbox(id: string): Promise<DueCallbacks[]>
  /** Confirms one due callback by name; false when it was not due (confirmed before). */
  confirmCallback(
    id: string,
    scope: string,
    signal: Signal,
    name: string,
    op: OpId,
  ): Promise<boolean>
}
