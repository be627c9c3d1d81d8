import type { Ledger, StagedJobPayload } from '../index.js'

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

/** dispatch for every ledger of the run: a staged job's payload goes on the tracked queue as-is. */
export function demoDispatch(ledger: () => Ledger, run: string) {
  return async (payload: StagedJobPayload): Promise<void> => {
    await ledger().queue<DemoWork>(demoIds.queue(run)).createAndPush(payload)
  }
}

/** Every ledger of a run keeps a completed group this long, so it can be inspected afterwards. */
export const KEEP_COMPLETED_MS = 3_600_000
