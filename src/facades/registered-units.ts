import type { OpId } from '../domain/op-id.js'
import { isJobledgerError, StoreUnavailableError } from '../errors/jobledger-error.js'
import type { RegistryNames } from '../store/registry-store.js'
import type { Store } from '../store/store.js'
import type { UnitKind } from '../store/unit-ref.js'

/** Ids remembered per store; past this many the memory starts over (re-registering is harmless). */
const MAX_REMEMBERED = 10_000

const byStore = new WeakMap<Store, Set<string>>()

/**
 * Registers a unit in its kind's registry after a write to it. The write that created the unit
 * always registers; a later write registers again when this process has not yet seen the unit
 * registered, so a registration that failed once is healed by the caller's retry. Registering
 * is idempotent (the first creation time and names are kept), and each unit costs one extra call per
 * process at most, never one per part.
 */
export async function registerUnit(
  store: Store,
  kind: UnitKind,
  id: string,
  created: boolean,
  createdAt: number,
  names?: RegistryNames,
): Promise<void> {
  const seen = byStore.get(store) ?? new Set<string>()
  byStore.set(store, seen)
  const key = `${kind}:${id}`
  if (!created && seen.has(key)) return
  await store.registry.register(kind, id, createdAt, names)
  if (seen.size >= MAX_REMEMBERED) seen.clear()
  seen.add(key)
}

/**
 * registerUnit after a write that was applied. Its STORE_UNAVAILABLE must not read as "nothing
 * was applied": it is thrown as ambiguous, naming the write's opId, since repeating the call
 * with that opId answers the write's first result (`created` again) and registers the unit.
 */
export async function registerAfterWrite(
  store: Store,
  unit: { kind: UnitKind; id: string; what: string; op: OpId; names?: RegistryNames },
  result: { created: boolean; createdAt: number },
): Promise<void> {
  try {
    await registerUnit(store, unit.kind, unit.id, result.created, result.createdAt, unit.names)
  } catch (error) {
    if (!isJobledgerError(error) || error.code !== 'STORE_UNAVAILABLE') throw error
    throw new StoreUnavailableError(
      `${unit.what} was applied, but listing it (for list() and the dashboard) failed: ${error.message} Call it again with { opId: '${unit.op}' } once the store answers: it is not applied again, answers as it first did and lists it.`,
      { cause: error, details: { ...error.details, ambiguous: true, opId: unit.op } },
    )
  }
}
