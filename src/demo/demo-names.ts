import {
  type CallbackPayload,
  type DispatchPayload,
  isCallbackPayload,
  type Ledger,
  type Queue,
  type StagedJobPayload,
} from '../index.js'

/**
 * What travels on the demo's tracked queue, as dispatch received it: a staged job's payload,
 * plus the attempt number when a worker re-pushes it for a retry (absent: the first attempt),
 * or the group's durable callback that writes the report.
 */
export type DemoWork = StagedWork | CallbackPayload

export type StagedWork = StagedJobPayload & { attempt?: number }

/** The durable callback the group runs when it settles: the demo's last step, the report. */
export const REPORT_CALLBACK = 'demo-report'

/** The ids one demo run uses, all derived from its run id. */
export const demoIds = {
  queue: (run: string) => `demo-${run}-work`,
  runStatus: (run: string) => `demo-${run}`,
  workerStatus: (run: string, worker: number) => `demo-${run}-worker-${worker}`,
  reportStatus: (run: string) => `demo-${run}-report`,
  /** Counts the report callback's deliveries to dispatch (its progress), with the last one's key. */
  callbackStatus: (run: string) => `demo-${run}-callback`,
}

/**
 * How long a worker holds a popped staged job without a heartbeat. Short, so that the work of
 * a worker process that died is back on the queue (and taken by another) within seconds;
 * live workers heartbeat every third of it.
 */
export const DEMO_LEASE_MS = 2_000

/** The run's tracked queue, as every ledger of the run opens it. */
export function demoQueue(ledger: Ledger, run: string): Queue<DemoWork> {
  return ledger.queue<DemoWork>(demoIds.queue(run), { leaseMs: DEMO_LEASE_MS })
}

/**
 * dispatch for every ledger of the run: a staged job's payload or a callback goes on the
 * tracked queue as-is; each delivery of a callback is counted first.
 */
export function demoDispatch(ledger: () => Ledger, run: string) {
  return async (payload: DispatchPayload): Promise<void> => {
    if (isCallbackPayload(payload)) await countDelivery(ledger(), run, payload)
    await demoQueue(ledger(), run).createAndPush(payload)
  }
}

async function countDelivery(ledger: Ledger, run: string, payload: CallbackPayload) {
  const status = ledger.status(demoIds.callbackStatus(run))
  const { idempotencyKey, firedAt, signal, name } = payload
  await status.update({ idempotencyKey, firedAt, signal, name })
  await status.progress.increment()
}

/** Every ledger of a run keeps a completed group this long, so it can be inspected afterwards. */
export const KEEP_COMPLETED_MS = 3_600_000
