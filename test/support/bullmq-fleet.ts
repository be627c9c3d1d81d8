import { type ChildProcess, fork } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { eventually } from '../../src/testing/index.js'

const WORKER = fileURLToPath(new URL('./bullmq-worker.mjs', import.meta.url))

export interface WorkerConfig {
  mode: 'items' | 'batches'
  redis: { url: string } | { cluster: { host: string; port: number }[] }
  ledgerDriver?: 'ioredis' | 'node-redis'
  ledgerPrefix: string
  bullPrefix: string
  queue: string
  concurrency?: number
  lockDuration?: number
  stalledInterval?: number
  maxStalledCount?: number
  loadFails?: Record<number, number>
}

export interface LastMessage {
  token: string
  part: string
  outcome: string
}

interface Member {
  child: ChildProcess
  active: number
  exit: Promise<unknown>
}

/**
 * BullMQ worker processes (test/support/bullmq-worker.mjs) on the built library, each with its
 * own connections: what they report ("last" answers, jobs started, errors) is gathered here.
 */
export class WorkerFleet {
  readonly lasts: LastMessage[] = []
  readonly errors: string[] = []
  /** Jobs BullMQ's stalled check found active with no live lock (a killed worker's). */
  stalled = 0
  readonly #members: Member[] = []

  static async start(count: number, config: WorkerConfig): Promise<WorkerFleet> {
    const fleet = new WorkerFleet()
    await Promise.all(Array.from({ length: count }, () => fleet.#spawn(config)))
    return fleet
  }

  async #spawn(config: WorkerConfig): Promise<void> {
    const child = fork(WORKER, [JSON.stringify(config)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    const member: Member = { child, active: 0, exit: once(child, 'exit') }
    this.#members.push(member)
    const ready = new Promise<void>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`a BullMQ worker exited with ${code}`)))
      child.on('message', (message: { type: string } & Partial<LastMessage>) => {
        if (message.type === 'ready') resolve()
        if (message.type === 'active') member.active++
        if (message.type === 'stalled') this.stalled++
        if (message.type === 'error')
          this.errors.push(String((message as { message?: string }).message))
        if (message.type === 'last') this.lasts.push(message as LastMessage)
      })
    })
    await ready
  }

  /** Waits until worker `index` has started `jobs` jobs, then kills it with SIGKILL. */
  async killAfter(index: number, jobs: number): Promise<void> {
    const member = this.#members[index]
    if (!member) throw new Error(`no worker ${index}`)
    await eventually(() => member.active >= jobs, `worker ${index} started ${jobs} jobs`, 60_000)
    member.child.kill('SIGKILL')
    await member.exit
  }

  /** Asks every live worker to close its Worker and connections, and waits for it to exit. */
  async close(): Promise<void> {
    await Promise.all(
      this.#members.map(async ({ child, exit }) => {
        if (child.exitCode !== null || child.signalCode !== null) return
        child.send({ type: 'close' })
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
        await exit
        clearTimeout(timer)
      }),
    )
  }
}
