import type { JobRecord } from '../domain/job-record.js'
import { jobState } from '../domain/job-summary.js'
import type { Store } from '../store/store.js'
import {
  callbacksDueFinding,
  type Diagnosis,
  type Finding,
  finding,
  firstFew,
  plural,
  ttlFinding,
} from './diagnose-findings.js'

/** Batches looked at for pending items, at most. */
const BATCHES_LOOKED_AT = 200

/** Why a job is not over yet; null when there is no such job (nor its summary). */
export async function diagnoseJob(
  store: Store,
  id: string,
  canDispatch: boolean,
): Promise<Diagnosis | null> {
  const [record, outbox] = await Promise.all([store.jobs.readJob(id), store.jobs.readOutbox(id)])
  const now = store.now()
  const due = callbacksDueFinding(outbox, now, canDispatch)
  if (!record) {
    const compact = await store.jobs.readCompact(id)
    if (!compact) return null
    const findings = due ? [due] : []
    return { id, kind: 'job', state: compact.state, compact: true, healthy: !due, findings }
  }
  const findings = [
    ...(await partsFindings(store, id, record)),
    ...(await batchFindings(store, id, record)),
    due,
    ttlFinding(await store.jobs.ttlMs(id), record.policy.ttlMs, 'job'),
  ].filter((found): found is Finding => found !== null)
  const state = jobState(record)
  return { id, kind: 'job', state, compact: false, healthy: findings.length === 0, findings }
}

async function partsFindings(store: Store, id: string, record: JobRecord): Promise<Finding[]> {
  const { parts } = record
  const findings: Finding[] = []
  if (!parts.closed && !parts.stopped)
    findings.push(
      finding(
        'not_closed',
        `The job is not closed: it cannot finish until it is (${plural(parts.open, 'part')} open of ${parts.total}).`,
        `ledger.job('${id}').close() once every part is pushed`,
      ),
    )
  const openParts = parts.open - record.batches.batches + record.batches.batchesDone
  if (parts.open === 0 || openParts <= 0) return findings
  const page = await store.jobs.openParts(id, null, 20)
  const open = page.parts.filter((part) => !part.startsWith('batch-'))
  const code = parts.stopped ? 'stopped_running' : 'open_parts'
  const message = parts.stopped
    ? `The job was stopped with ${plural(openParts, 'part')} still open (${firstFew(open, openParts)}): workers may still be running them, or never will.`
    : `${plural(openParts, 'part')} still open (${firstFew(open, openParts)}): their workers have not called done() or fail() yet.`
  const next = parts.stopped
    ? `settle them with fail(part, 'stopped'), or let the job expire`
    : `jobledger status ${id}; check the queue that runs its parts`
  findings.push(finding(code, message, next, open))
  return findings
}

async function batchFindings(store: Store, id: string, record: JobRecord): Promise<Finding[]> {
  const { batches, batchesDone } = record.batches
  if (batches === batchesDone) return []
  const pending: string[] = []
  for (let index = 0; index < Math.min(batches, BATCHES_LOOKED_AT); index++) {
    const view = await store.batches.readBatch(id, index)
    if (!view || view.settled) continue
    const items = await store.batches.batchItems(id, index, 'pending')
    pending.push(`batch ${index}: ${plural(items?.length ?? 0, 'item')} pending of ${view.items}`)
  }
  const open = batches - batchesDone
  return [
    finding(
      'pending_batches',
      `${plural(open, 'batch', 'batches')} not complete (${firstFew(pending, open)}): a tracker has not reported them.`,
      `run ledger.tracker({ job: '${id}', batch }).eachRecord(fn) for each, or batch.complete()`,
      pending,
    ),
  ]
}
