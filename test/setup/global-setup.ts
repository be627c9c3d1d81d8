import type { TestProject } from 'vitest/node'
import { startRedisServer } from '../../src/testing/redis-server.js'

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string
  }
}

/** One private redis-server for the whole run; each test uses its own key prefix. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const redis = await startRedisServer()
  project.provide('redisUrl', redis.url)
  return () => redis.stop()
}
