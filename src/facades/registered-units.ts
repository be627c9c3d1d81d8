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
