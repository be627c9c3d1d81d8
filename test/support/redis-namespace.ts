import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { inject } from 'vitest'
import { createLedger, type Ledger } from '../../src/index.js'
import type { Store } from '../../src/store/store.js'
import { connectIoredis } from '../../src/stores/redis/ioredis-driver.js'
import { createRedisStore } from '../../src/stores/redis/redis-store.js'
import type {
  HarnessLedgerOptions,
  HarnessNamespace,
  NamespaceOptions,
} from '../../src/testing/conformance/index.js'
import { checkSlots } from './slot-checking-driver.js'

/** The URL of this run's private redis-server (started by test/setup/global-setup.ts). */
export function testRedisUrl(): string {
  const url = inject('redisUrl')
  if (!url) throw new Error('The test Redis is not running: see test/setup/global-setup.ts.')
  return url
}

/** Deletes every key under a prefix on the test server. */
export async function deletePrefix(url: string, prefix: string): Promise<void> {
  const admin = new Redis(url)
  try {
    let cursor = '0'
    do {
      const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000)
      cursor = next
      if (keys.length > 0) await admin.unlink(...keys)
    } while (cursor !== '0')
  } finally {
    await admin.quit()
  }
}

/**
 * A namespace on the test Redis: its own key prefix, one connection per ledger. Every script
 * call is checked to touch a single cluster slot (see slot-checking-driver.ts).
 */
export async function redisNamespace(
  options: NamespaceOptions = {},
): Promise<HarnessNamespace & { prefix: string; url: string }> {
  const url = testRedisUrl()
  const prefix = `t${randomBytes(6).toString('hex')}`
  const opened: { ledger: Ledger; store: Store }[] = []
  return {
    prefix,
    url,
    ledger: (ledgerOptions: HarnessLedgerOptions = {}) => {
      const store = createRedisStore(checkSlots(connectIoredis(url)), { prefix, ...options })
      try {
        const ledger = createLedger({ ...ledgerOptions, store })
        opened.push({ ledger, store })
        return ledger
      } catch (refused) {
        void store.close()
        throw refused
      }
    },
    close: async () => {
      await Promise.all(opened.map(({ ledger }) => ledger.close()))
      await Promise.all(opened.map(({ store }) => store.close()))
      await deletePrefix(url, prefix)
    },
  }
}
