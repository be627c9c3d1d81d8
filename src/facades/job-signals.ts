import type { JobSummary } from '../domain/job-summary.js'
import type { Signal } from '../domain/signals.js'
import { type CallbackInput, registerJobCallbacks } from './callback-registration.js'
import type { JobWriter } from './job-writes.js'
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
