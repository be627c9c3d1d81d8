import { type Logger, log } from '../logger.js'

/** An operator's action, as `ledger.audit` logs it. */
export interface AuditEntry {
  /** What was done: 'stop', 'cancel', 'delete', 'retry-failed', 'clean', … */
  action: string
  /** What it was done to, as `<kind>:<id>`. */
  unit: string
  /** Which edge did it. */
  by: 'dashboard' | 'cli'
  [detail: string]: unknown
}

/** Logs an operator's action at info level as `{ action, unit, by, ... }`; nothing without a logger. */
export function logAudit(logger: Logger | undefined, entry: AuditEntry): void {
  log(logger, 'info', entry, `${entry.action} ${entry.unit} by ${entry.by}`)
}
