import type { RedisDriver } from './driver.js'
import type { RedisKeys } from './keys.js'

/**
 * Deletes every key under the ledger's prefix. This is the one operation that walks the
 * keyspace (SCAN, in pages, on every master of a cluster): it is for purging, never for listing.
 */
export async function deleteNamespace(driver: RedisDriver, keys: RedisKeys): Promise<number> {
  let deleted = 0
  for (const node of await driver.scanNodes()) {
    let cursor = '0'
    do {
      const [next, found] = (await node.command('SCAN', [
        cursor,
        'MATCH',
        keys.namespacePattern(),
        'COUNT',
        1000,
      ])) as [string, string[]]
      cursor = next
      // Keys of one hash tag share a slot; unlinking them one by one keeps a cluster happy.
      const counts = await Promise.all(found.map((key) => node.command('UNLINK', [key])))
      deleted += counts.reduce((sum: number, n) => sum + Number(n), 0)
    } while (cursor !== '0')
  }
  return deleted
}
