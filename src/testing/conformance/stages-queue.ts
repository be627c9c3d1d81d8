import { type CallbackPayload, isCallbackPayload } from '../../facades/callback-payload.js'
import type { StagedJobPayload } from '../../facades/stage-payload.js'
import type { Ledger } from '../../ledger.js'
import type { HarnessLedgerOptions } from './harness.js'

/** An in-test queue: dispatch appends payloads; tests take them out and run them as workers. */
export class TestQueue {
  readonly payloads: StagedJobPayload[] = []
  readonly dispatched: StagedJobPayload[] = []
  /** Callback payloads, in dispatch order (kept apart from the staged jobs). */
  readonly callbacks: CallbackPayload[] = []

  readonly options: HarnessLedgerOptions = {
    dispatch: (payload) => {
      if (isCallbackPayload(payload)) {
        this.callbacks.push(payload)
        return
      }
      this.payloads.push(payload)
      this.dispatched.push(payload)
    },
  }

  /** Removes and returns every payload waiting, in dispatch order. */
  drain(): StagedJobPayload[] {
    return this.payloads.splice(0, this.payloads.length)
  }

  names(): string[] {
    return this.payloads.map((payload) => `${payload.name}:${JSON.stringify(payload.args)}`)
  }
}

/** Runs payloads as a worker would: each job succeeds unless `fail` says otherwise. */
export async function work(
  ledger: Ledger,
  payloads: StagedJobPayload[],
  fail: (payload: StagedJobPayload) => boolean = () => false,
): Promise<void> {
  for (const payload of payloads) {
    const staged = await ledger.stagedJob(payload)
    await staged
      .run(() => {
        if (fail(payload)) throw new Error(`${payload.name} failed`)
      })
      .catch(() => {})
  }
}
