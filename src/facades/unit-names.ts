import { validateGroupDescription } from '../domain/stage-input.js'
import { validateUnitName } from '../domain/unit-name.js'
import type { RegistryNames } from '../store/registry-store.js'

/** The name and description a unit is registered with, both checked; absent ones are null. */
export function registryNamesOf(options: { name?: unknown; description?: unknown }): RegistryNames {
  return {
    name: options.name === undefined ? null : validateUnitName(options.name),
    description:
      options.description === undefined || options.description === ''
        ? null
        : validateGroupDescription(options.description),
  }
}
