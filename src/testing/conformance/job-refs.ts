import type { JobCreation } from '../../domain/job-record.js'
import { BUILTIN_DEFAULTS } from '../../domain/policy.js'
import type { Ledger } from '../../ledger.js'
import type { JobRef } from '../../store/job-store.js'

/** The creation a handle with no options carries (the built-in job policy). */
export function creationOf(_ledger: Ledger, ttlMs = BUILTIN_DEFAULTS.job.ttlMs): JobCreation {
  return { policy: { ...BUILTIN_DEFAULTS.job, ttlMs }, name: null, description: null }
}

/** A job reference for calling the store port directly in store-level conformance cases. */
export function jobRef(ledger: Ledger, id: string, ttlMs?: number): JobRef {
  return { id, creation: creationOf(ledger, ttlMs) }
}
