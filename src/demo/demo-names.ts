import type { Ledger, Queue, StagedJobPayload } from '../index.js'

/**
 * What travels on the demo's tracked queue: a staged job's payload as dispatch received it,
 * plus the attempt number when a worker re-pushes it for a retry (absent: the first attempt).
 */
export type DemoWork = StagedJobPayload & { attempt?: number }

/** The ids one demo run uses, all derived from its run id. */
export const demoIds = {
  queue: (run: string) => `demo-${run}-work`,
  runStatus: (run: string) => `demo-${run}`,
  workerStatus: (run: string, worker: number) => `demo-${run}-worker-${worker}`,
  reportStatus: (run: string) => `demo-${run}-report`,
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

/** dispatch for every ledger of the run: a staged job's payload goes on the tracked queue as-is. */
export function demoDispatch(ledger: () => Ledger, run: string) {
  return async (payload: StagedJobPayload): Promise<void> => {
    await demoQueue(ledger(), run).createAndPush(payload)
  }
}

/** Every ledger of a run keeps a completed group this long, so it can be inspected afterwards. */
export const KEEP_COMPLETED_MS = 3_600_000
