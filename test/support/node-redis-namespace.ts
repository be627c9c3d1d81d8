import { randomBytes } from 'node:crypto'
import { createClient, createCluster } from 'redis'
import { inject } from 'vitest'
import { createLedger, type Ledger } from '../../src/index.js'
import type { Store } from '../../src/store/store.js'
import { connectNodeRedis, wrapNodeRedis } from '../../src/stores/redis/node-redis-driver.js'
import type { NodeRedisConnection } from '../../src/stores/redis/node-redis-types.js'
import { createRedisStore } from '../../src/stores/redis/redis-store.js'
import type {
  HarnessLedgerOptions,
  HarnessNamespace,
  NamespaceOptions,
} from '../../src/testing/conformance/index.js'
import { deletePrefix, testRedisUrl } from './redis-namespace.js'
import { checkSlots } from './slot-checking-driver.js'

export type Resp = 2 | 3

/**
 * The suite's races send thousands of commands at once; on a loaded 2-core machine their
 * replies can take longer than the default timeout, which is not what the suite tests (the
 * timeout has its own tests in node-redis-connection.test.ts).
 */
const SUITE_CONNECTION = { commandTimeoutMs: 60_000 }

/** A node-redis client of the test server that the caller closes. */
export function nodeRedisClient(resp: Resp) {
  return createClient({ url: testRedisUrl(), RESP: resp })
}

/** A node-redis cluster client of the test cluster that the caller closes. */
export function nodeRedisCluster(resp: Resp) {
  const nodes = inject('redisClusterNodes')
  if (!nodes?.length)
    throw new Error('The test Redis Cluster is not running: see test/setup/global-setup.ts.')
  const rootNodes = nodes.map(({ host, port }) => ({ url: `redis://${host}:${port}` }))
  return createCluster({ rootNodes, RESP: resp })
}

/**
 * A namespace on the test server through node-redis, every script call slot-checked. RESP2
 * runs on connections the ledger opens from the URL; RESP3 on a client the test makes and
 * passes in, so both ownership paths run the whole suite.
 */
export function nodeRedisNamespace(
  resp: Resp,
): (options?: NamespaceOptions) => Promise<HarnessNamespace> {
  return async (namespaceOptions = {}) => {
    const url = testRedisUrl()
    const prefix = `n${resp}${randomBytes(6).toString('hex')}`
    const opened: { ledger: Ledger; store: Store; client?: NodeRedisConnection }[] = []
    return {
      ledger: (options: HarnessLedgerOptions = {}) => {
        const client = resp === 3 ? (nodeRedisClient(3) as NodeRedisConnection) : undefined
        const driver = client
          ? wrapNodeRedis(client, SUITE_CONNECTION)
          : connectNodeRedis(url, SUITE_CONNECTION)
        const store = createRedisStore(checkSlots(driver), { prefix, ...namespaceOptions })
        try {
          const ledger = createLedger({ ...options, store })
          opened.push({ ledger, store, ...(client ? { client } : {}) })
          return ledger
        } catch (refused) {
          void store.close()
          throw refused
        }
      },
      close: async () => {
        await Promise.all(opened.map(({ ledger }) => ledger.close()))
        await Promise.all(opened.map(({ store }) => store.close()))
        await Promise.all(opened.map(({ client }) => (client?.isOpen ? client.close() : null)))
        await deletePrefix(url, prefix)
      },
    }
  }
}

/**
 * A namespace on the test Redis Cluster: its own prefix, one node-redis cluster (passed in, as
 * users do) per ledger, every script call slot-checked.
 */
export function nodeRedisClusterNamespace(
  resp: Resp,
): (options?: NamespaceOptions) => Promise<HarnessNamespace> {
  return async (namespaceOptions = {}) => {
    const prefix = `m${resp}${randomBytes(6).toString('hex')}`
    const opened: { ledger: Ledger; store: Store; cluster: NodeRedisConnection }[] = []
    return {
      ledger: (options: HarnessLedgerOptions = {}) => {
        const cluster = nodeRedisCluster(resp) as NodeRedisConnection
        const store = createRedisStore(checkSlots(wrapNodeRedis(cluster, SUITE_CONNECTION)), {
          prefix,
          ...namespaceOptions,
        })
        try {
          const ledger = createLedger({ ...options, store })
          opened.push({ ledger, store, cluster })
          return ledger
        } catch (refused) {
          void store.close()
          cluster.destroy()
          throw refused
        }
      },
      close: async () => {
        await opened[0]?.ledger.cleaner.purgeAll()
        await Promise.all(opened.map(({ ledger }) => ledger.close()))
        await Promise.all(opened.map(({ store }) => store.close()))
        await Promise.all(opened.map(({ cluster }) => (cluster.isOpen ? cluster.close() : null)))
      },
    }
  }
}
