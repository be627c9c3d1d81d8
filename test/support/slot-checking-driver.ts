import calculateSlot from 'cluster-key-slot'
import type { RedisArg, RedisDriver, ScriptDefinition } from '../../src/stores/redis/driver.js'

/** Counts of script calls checked, per script name, for the whole test process. */
export const checkedScriptCalls = new Map<string, number>()

/** Throws when the keys of one script call do not all hash to one cluster slot. */
export function assertOneSlot(script: string, keys: readonly string[]): void {
  const slots = new Set(keys.map((key) => calculateSlot(key)))
  if (slots.size > 1) {
    throw new Error(
      `Script ${script} was called with keys in ${slots.size} cluster slots: ${keys.join(', ')}`,
    )
  }
  checkedScriptCalls.set(script, (checkedScriptCalls.get(script) ?? 0) + 1)
}

/**
 * Wraps a driver so that every script call of the conformance run is checked: a script whose
 * keys span two slots would fail on Redis Cluster, so the call fails here instead.
 */
export function checkSlots(driver: RedisDriver): RedisDriver {
  return {
    get address() {
      return driver.address
    },
    get isCluster() {
      return driver.isCluster
    },
    runScript(script: ScriptDefinition, keys: readonly string[], args: readonly RedisArg[]) {
      assertOneSlot(script.name, keys)
      return driver.runScript(script, keys, args)
    },
    command: (name, args) => driver.command(name, args),
    commandBuffer: (name, args) => driver.commandBuffer(name, args),
    publish: (channel, message) => driver.publish(channel, message),
    subscribe: (channel, onMessage) => driver.subscribe(channel, onMessage),
    scanNodes: () => driver.scanNodes(),
    duplicate: () => checkSlots(driver.duplicate()),
    disconnect: () => driver.disconnect(),
    close: () => driver.close(),
  }
}
