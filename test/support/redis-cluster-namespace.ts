import { randomBytes } from 'node:crypto'
import { Cluster } from 'ioredis'
import { inject } from 'vitest'
import { createLedger, type Ledger, type LedgerOptions } from '../../src/index.js'
import type { HarnessNamespace, NamespaceOptions } from '../../src/testing/conformance/index.js'

function clusterClient(): Cluster {
  const nodes = inject('redisClusterNodes')
  if (!nodes?.length)
    throw new Error('The test Redis Cluster is not running: see test/setup/global-setup.ts.')
  // The settings the README asks of a Cluster passed to createLedger: nothing sent twice.
  return new Cluster(nodes, {
    enableAutoPipelining: true,
    retryDelayOnFailover: 0,
    redisOptions: { autoResendUnfulfilledCommands: false, socketTimeout: 5_000 },
  })
}

/** A namespace on the test Redis Cluster: its own prefix, one Cluster client per ledger. */
export async function redisClusterNamespace(
  options: NamespaceOptions = {},
): Promise<HarnessNamespace> {
  const prefix = `c${randomBytes(6).toString('hex')}`
  const opened: { ledger: Ledger; client: Cluster }[] = []
  return {
    ledger: (ledgerOptions: Omit<LedgerOptions, 'redis' | 'store' | 'prefix'> = {}) => {
      const client = clusterClient()
      try {
        const ledger = createLedger({ ...ledgerOptions, ...options, redis: client, prefix })
        opened.push({ ledger, client })
        return ledger
      } catch (refused) {
        client.disconnect()
        throw refused
      }
    },
    close: async () => {
      await opened[0]?.ledger.cleaner.purgeAll()
      await Promise.all(opened.map(({ ledger }) => ledger.close()))
      await Promise.all(opened.map(({ client }) => client.quit()))
    },
  }
}
