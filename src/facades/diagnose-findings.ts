/** What `ledger.diagnose(id)` can find, one code per kind of trouble. */
export type FindingCode =
  | 'not_closed'
  | 'open_parts'
  | 'pending_batches'
  | 'stopped_running'
  | 'callbacks_due'
  | 'ttl_low'
  | 'unsealed'
  | 'stage_open'
  | 'undispatched'
  | 'pending_re_run'
  | 'no_running_stage'
  | 'expired_leases'

/** One reason the unit is not over (or is at risk), in plain words, with what to do next. */
export interface Finding {
  code: FindingCode
  message: string
  /** The next command or call to run; null when there is nothing to run, only to wait. */
  next: string | null
  /** The first few parts, batches or jobs concerned. */
  items: string[]
}

/** What `ledger.diagnose(id)` answers. */
export interface Diagnosis {
  id: string
  kind: 'job' | 'group' | 'queue'
  /** The unit's state as its summary says it (`open`, `closed`, `finished`, `running`, …). */
  state: string
  /** True when only the compact summary is left. */
  compact: boolean
  /** True when nothing was found: the unit is over, or is moving as it should. */
  healthy: boolean
  findings: Finding[]
}

/** How many items a finding lists. */
export const FIRST_FEW = 5

/** Below this share of its ttl left, a unit is about to expire. */
export const TTL_LOW_SHARE = 0.1

export function finding(
  code: FindingCode,
  message: string,
  next: string | null,
  items: readonly string[] = [],
): Finding {
  return { code, message, next, items: items.slice(0, FIRST_FEW) }
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}

export function firstFew(items: readonly string[], total: number): string {
  const shown = items.slice(0, FIRST_FEW).join(', ')
  return total > FIRST_FEW ? `${shown}, …` : shown
}

/** The finding for callbacks due and never confirmed, if any. */
export function callbacksDueFinding(
  entries: readonly {
    scope: string
    signal: string
    dueAt: number
    callbacks: { name: string }[]
  }[],
  now: number,
  canDispatch: boolean,
): Finding | null {
  if (entries.length === 0) return null
  const names = entries.flatMap((entry) =>
    entry.callbacks.map((cb) => `${entry.scope || 'unit'}|${entry.signal}:${cb.name}`),
  )
  const oldest = Math.min(...entries.map((entry) => entry.dueAt))
  const seconds = Math.max(0, Math.round((now - oldest) / 1000))
  const listed = `${plural(names.length, 'callback')} due for ${seconds} s and never confirmed (${firstFew(names, names.length)})`
  if (!canDispatch)
    return finding(
      'callbacks_due',
      `${listed}, no dispatch configured in this ledger: they stay due until a ledger with a dispatch recovers them (the ledger whose write fired them had none, or its dispatch failed or its process died).`,
      'ledger.cleaner.cleanupOrphans() in a process whose ledger has your dispatch, or jobledger cleanup --queue <name>',
      names,
    )
  return finding(
    'callbacks_due',
    `${listed}: a dispatch failed or its process died.`,
    'ledger.cleaner.cleanupOrphans() (or the sweeper: createLedger({ sweeper })) in this process',
    names,
  )
}

export function ttlFinding(
  expiresInMs: number | null,
  ttlMs: number,
  what: string,
): Finding | null {
  if (expiresInMs === null || expiresInMs > ttlMs * TTL_LOW_SHARE) return null
  const seconds = Math.max(0, Math.round(expiresInMs / 1000))
  return finding(
    'ttl_low',
    `The ${what} expires in ${seconds} s unless it is written again (its ttl is ${Math.round(ttlMs / 1000)} s).`,
    `give it more time: ${what === 'job' ? 'job.setTtl(ms)' : 'write to it'}, or let it finish`,
  )
}
