import { setTimeout as delay } from 'node:timers/promises'
import type { CallbackPayload, Ledger } from '../index.js'
import { demoIds, REPORT_CALLBACK } from './demo-names.js'
import { finishedReport } from './handlers.js'

/** The report callback as the run saw it: how often it reached dispatch, and its confirmation. */
export interface DemoCallback {
  name: string
  signal: string
  /** When the group's signal fired (ms since the epoch); null when it never reached dispatch. */
  firedAt: number | null
  idempotencyKey: string | null
  /** Deliveries to dispatch: 1 when nothing crashed (recovery may add one after a crash). */
  dispatched: number
  /** True once the group's outbox holds nothing due: the delivery was confirmed. */
  confirmed: boolean
}

/** How long the run waits for the dispatching worker to confirm, after the report is written. */
const CONFIRM_WAIT_MS = 10_000
const POLL_MS = 50

/**
 * The group's `settled` callback, run by a worker that popped it: the demo's last step. Writes
 * the run's report (the job's totals, the stages before it, the queue) as a status.
 */
export async function runReportCallback(ledger: Ledger, run: string, payload: CallbackPayload) {
  const [token] = payload.args as [string]
  const report = await finishedReport(ledger, token)
  const group = await ledger.group(payload.id)
  const stages = await Promise.all(
    [1, 2].map(async (number) => (await group.stage(number).record()).status),
  )
  const queue = await ledger.queue(demoIds.queue(run)).counts()
  const { idempotencyKey, firedAt } = payload
  const fields = {
    report: { ...report },
    stagesBefore: stages,
    queue: { ...queue },
    callback: { name: payload.name, idempotencyKey, firedAt },
  }
  await ledger.track(demoIds.reportStatus(run), (status) => status.update(fields))
  return fields
}

/** Reads what the run's dispatch counted, waiting a little for the confirmation. */
export async function readDemoCallback(
  ledger: Ledger,
  run: string,
  groupId: string,
): Promise<DemoCallback> {
  const deadline = Date.now() + CONFIRM_WAIT_MS
  let confirmed = await isConfirmed(ledger, groupId)
  while (!confirmed && Date.now() < deadline) {
    await delay(POLL_MS)
    confirmed = await isConfirmed(ledger, groupId)
  }
  const snap = await ledger.getStatus(demoIds.callbackStatus(run))
  const fields = snap?.fields ?? {}
  return {
    name: REPORT_CALLBACK,
    signal: 'settled',
    firedAt: typeof fields.firedAt === 'number' ? fields.firedAt : null,
    idempotencyKey: typeof fields.idempotencyKey === 'string' ? fields.idempotencyKey : null,
    dispatched: snap?.progress ?? 0,
    confirmed,
  }
}

async function isConfirmed(ledger: Ledger, groupId: string): Promise<boolean> {
  if (groupId === '') return false
  const { findings } = await ledger.diagnose(groupId)
  return !findings.some((finding) => finding.code === 'callbacks_due')
}
