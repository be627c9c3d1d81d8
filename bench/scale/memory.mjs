// Server memory for the scale scenarios: used_memory after the lazy frees have run.
import { usedMemory } from '../lib/measure.mjs'

/** used_memory once Redis has no lazy free pending (a big key's memory is freed in the background). */
export async function settledMemory(admin) {
  for (let i = 0; i < 100; i++) {
    const info = await admin.info('memory')
    if (Number(/lazyfree_pending_objects:(\d+)/.exec(info)?.[1] ?? 0) === 0) break
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return usedMemory(admin)
}

export const MiB = 2 ** 20
