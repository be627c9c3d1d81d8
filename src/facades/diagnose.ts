import { validateId } from '../domain/ids.js'
import { optionsOf } from '../domain/options.js'
import { InvalidArgumentError, NotFoundError } from '../errors/jobledger-error.js'
import type { Store } from '../store/store.js'
import { type Diagnosis, finding, firstFew, plural } from './diagnose-findings.js'
import { diagnoseGroup } from './diagnose-group.js'
import { diagnoseJob } from './diagnose-job.js'

export type { Diagnosis, Finding, FindingCode } from './diagnose-findings.js'

export interface DiagnoseOptions {
  /** The kind of unit the id names; default: a job, else a group, else a queue. */
  kind?: 'job' | 'group' | 'queue'
}

const KINDS = ['job', 'group', 'queue'] as const

/** Why the unit `id` is not over yet, in plain words; NOT_FOUND when no unit has that id. */
export async function diagnose(
  store: Store,
  id: unknown,
  options: unknown,
  /** Whether the diagnosing ledger has a dispatch (callbacks due are then named differently). */
  canDispatch: boolean,
): Promise<Diagnosis> {
  const unit = validateId(id, 'id')
  const { kind } = optionsOf(options as DiagnoseOptions | undefined, 'diagnose options')
  if (kind !== undefined && !KINDS.includes(kind))
    throw new InvalidArgumentError(`kind must be job, group or queue, got ${String(kind)}.`)
  for (const each of kind ? [kind] : KINDS) {
    const found = await diagnoseKind(store, each, unit, canDispatch)
    if (found) return found
  }
  throw new NotFoundError(
    `No ${kind ?? 'job, group or queue'} ${unit} (never created, or expired with its summary); check the id and --prefix.`,
    { details: { id: unit } },
  )
}

function diagnoseKind(
  store: Store,
  kind: (typeof KINDS)[number],
  id: string,
  canDispatch: boolean,
) {
  if (kind === 'job') return diagnoseJob(store, id, canDispatch)
  if (kind === 'group') return diagnoseGroup(store, id, canDispatch)
  return diagnoseQueue(store, id)
}

async function diagnoseQueue(store: Store, name: string): Promise<Diagnosis | null> {
  const summary = await store.queues.summary(name)
  if (!summary) return null
  const now = store.now()
  const page = await store.queues.listItems(name, 'running', 0, 200)
  const expired = page.items.filter((item) => item.leaseUntil !== null && item.leaseUntil < now)
  const findings =
    expired.length === 0
      ? []
      : [
          finding(
            'expired_leases',
            `${plural(expired.length, 'running item')}' lease ran out (${firstFew(
              expired.map((i) => i.id),
              expired.length,
            )}): its worker stopped heartbeating, probably dead.`,
            'the next pop reclaims them (back to waiting, or failed after maxAttempts); or run a consumer',
            expired.map((item) => item.id),
          ),
        ]
  const state = summary.counts.running > 0 || summary.counts.waiting > 0 ? 'busy' : 'idle'
  return {
    id: name,
    kind: 'queue',
    state,
    compact: false,
    healthy: findings.length === 0,
    findings,
  }
}
