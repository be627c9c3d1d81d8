import type { JobSummary } from '../domain/job-summary.js'
import type { Signal } from '../domain/signals.js'
import type { JobRef } from '../store/job-store.js'
import { type CallbackInput, registerJobCallbacks } from './callback-registration.js'
import { JobWriter } from './job-writes.js'
import type { LedgerCore } from './ledger-core.js'
import { type WaitUntilOptions, waitUntil } from './wait-until.js'
import type { WriteOptions } from './write-runner.js'

/** A job's own signals: durable callbacks registered for them, and waits until one fired. */
export class JobSignals {
  readonly #writer: JobWriter
  readonly #summary: () => Promise<JobSummary | null>

  constructor(writer: JobWriter, summary: () => Promise<JobSummary | null>) {
    this.#writer = writer
    this.#summary = summary
  }

  async on(
    signal: Signal,
    callbacks: CallbackInput | readonly CallbackInput[],
    options?: WriteOptions,
  ): Promise<void> {
    await registerJobCallbacks(this.#writer, '', signal, callbacks, options)
  }

  waitUntil(signal: Signal, options?: WaitUntilOptions): Promise<JobSummary> {
    const target = {
      kind: 'job' as const,
      id: this.#writer.ref.id,
      scope: '',
      read: this.#summary,
      signalsOf: (summary: JobSummary) => summary.signals,
    }
    return waitUntil(this.#writer.core, target, signal, options)
  }
}

/**
 * The hook a job handle with creation-time callbacks runs before each write: the first call
 * registers them (through a writer of its own, so those writes do not wait on themselves),
 * every later one waits for that; a failed registration is tried again by the next write.
 */
export function creationRegistration(
  core: LedgerCore,
  ref: JobRef,
  callbacks: readonly [Signal, CallbackInput[]][],
): (() => Promise<void>) | undefined {
  if (callbacks.length === 0) return undefined
  const registrar = new JobWriter(core, ref)
  let registered: Promise<void> | null = null
  const register = async () => {
    for (const [signal, inputs] of callbacks)
      await registerJobCallbacks(registrar, '', signal, inputs, undefined)
  }
  return () => {
    registered ??= register().catch((error: unknown) => {
      registered = null
      throw error
    })
    return registered
  }
}
