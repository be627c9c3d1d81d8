import type { TestProject } from 'vitest/node'
import { startRedisCluster } from '../../src/testing/redis-cluster.js'
import { startRedisServer } from '../../src/testing/redis-server.js'

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string
    redisClusterNodes: { host: string; port: number }[]
  }
}

/**
 * One private redis-server and one private 3-master Redis Cluster for the whole run, on free
 * loopback ports; each test uses its own key prefix. If either cannot start, the run fails.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const redis = await startRedisServer()
  const cluster = await startRedisCluster(3).catch(async (error: unknown) => {
    await redis.stop()
    throw error
  })
  project.provide('redisUrl', redis.url)
  project.provide('redisClusterNodes', cluster.nodes)
  return async () => {
    await Promise.all([redis.stop(), cluster.stop()])
  }
}
