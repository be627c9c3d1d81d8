import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { type RunningRedis, startRedisServer } from './redis-server.js'

export interface RunningCluster {
  nodes: { host: string; port: number }[]
  stop(): Promise<void>
}

const SLOTS = 16_384

async function waitForClusterOk(client: Redis, deadline: number): Promise<void> {
  for (;;) {
    const info = await client.cluster('INFO')
    if (String(info).includes('cluster_state:ok')) return
    if (Date.now() > deadline) throw new Error(`cluster did not reach cluster_state:ok:\n${info}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/**
 * Starts a private Redis Cluster of `masters` diskless servers on free loopback ports:
 * slots split evenly with CLUSTER ADDSLOTSRANGE, joined with CLUSTER MEET.
 */
export async function startRedisCluster(masters = 3): Promise<RunningCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'jobledger-cluster-'))
  const servers: RunningRedis[] = []
  const admins: Redis[] = []
  const stop = async () => {
    await Promise.all(admins.map((admin) => admin.quit().catch(() => admin.disconnect())))
    await Promise.all(servers.map((server) => server.stop()))
    await rm(dir, { recursive: true, force: true })
  }
  try {
    for (let i = 0; i < masters; i++) {
      const config = join(dir, `nodes-${i}.conf`)
      servers.push(
        await startRedisServer(['--cluster-enabled', 'yes', '--cluster-config-file', config]),
      )
    }
    for (const server of servers) admins.push(new Redis(server.port, '127.0.0.1'))
    const per = Math.ceil(SLOTS / masters)
    await Promise.all(
      admins.map((admin, i) =>
        admin.call('CLUSTER', 'ADDSLOTSRANGE', i * per, Math.min(SLOTS, (i + 1) * per) - 1),
      ),
    )
    for (const server of servers.slice(1))
      await admins[0]!.cluster('MEET', '127.0.0.1', server.port)
    const deadline = Date.now() + 20_000
    for (const admin of admins) await waitForClusterOk(admin, deadline)
  } catch (error) {
    await stop()
    throw error
  }
  return { nodes: servers.map((server) => ({ host: '127.0.0.1', port: server.port })), stop }
}
