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

/**
 * Runs `scenario(size, record)` once at a small size with its figures dropped, so the scripts
 * are loaded and the connections open before the real run takes its memory baseline (both
 * count in used_memory and stay after a purge), then at full size.
 */
export async function afterWarmUp(scenario, size, record) {
  await scenario(Math.min(size, 100), () => {})
  await scenario(size, record)
}

/**
 * Records what is left after a purge: the bytes over the baseline and the keys left. Redis
 * shrinks an emptied keyspace's tables in its background cron, so this takes the least of
 * the samples over two seconds.
 */
export async function recordPurged(admin, baseline, record) {
  let after = await settledMemory(admin)
  for (let i = 0; i < 20 && after > baseline; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    after = Math.min(after, await settledMemory(admin))
  }
  record('Redis memory: baseline / after purge', `${baseline} / ${after}`, 'bytes')
  record('  left after purge (keys left)', `${after - baseline} (${await admin.dbsize()})`, 'bytes')
}
