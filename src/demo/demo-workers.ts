import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { createLedger, type Ledger } from '../index.js'
import { demoDispatch, KEEP_COMPLETED_MS } from './demo-names.js'
import type { DemoSettings } from './plan.js'
import { runWorker } from './worker.js'

/** A worker process that ended before the run was over (killed, or crashed). */
export interface LostWorker {
  worker: number
  pid: number | null
  /** Its exit code, or null when a signal ended it. */
  exitCode: number | null
  /** The signal that ended it (SIGKILL, …), or null. */
  signal: string | null
  /** In words, with the last line it wrote to stderr, if any. */
  message: string
}

/** The workers of one run, wherever they run. */
export interface DemoWorkers {
  /**
   * Rejects when no worker is left to do the work: an in-process worker failed, or every
   * worker process ended before the run was over. A lost process alone does not reject.
   */
  readonly failed: Promise<never>
  /** Worker processes that ended before the run was over, in the order they ended. */
  readonly lost: readonly LostWorker[]
  /** Waits for every worker to leave (they do once the run's status is over). */
  done(): Promise<void>
  /** Ends them at once (after a failure). */
  kill(): void
}

const CLI_MAIN = fileURLToPath(new URL('../cli/main.js', import.meta.url))

/** In-process workers, each with its own ledger over the embedded store. */
export function startInProcessWorkers(
  store: Ledger['store'],
  run: string,
  settings: DemoSettings,
  count: number,
  isOver: () => Promise<boolean>,
): DemoWorkers {
  const ledgers: Ledger[] = []
  const runs = Array.from({ length: count }, (_, i) => {
    const ledger: Ledger = createLedger({
      store,
      dispatch: demoDispatch(() => ledger, run),
      keepCompletedMs: KEEP_COMPLETED_MS,
    })
    ledgers.push(ledger)
    return runWorker({ ledger, run, worker: i + 1, settings, isOver })
  })
  const all = Promise.all(runs)
  const failed = all.then(() => new Promise<never>(() => {}))
  failed.catch(() => {})
  const closeAll = () => Promise.all(ledgers.map((ledger) => ledger.close()))
  return {
    failed,
    lost: [],
    done: async () => {
      try {
        await all
      } finally {
        await closeAll()
      }
    },
    kill: () => void closeAll(),
  }
}

/**
 * Worker processes: the built CLI's hidden `demo-worker` command, one process each. A process
 * that dies is reported through `onLost` and the run goes on without it: the item it held
 * returns to the queue when its lease ends and another worker takes it.
 */
export function startWorkerProcesses(
  redis: string,
  prefix: string,
  run: string,
  count: number,
  onLost: (lost: LostWorker) => void = () => {},
): DemoWorkers {
  const children: ChildProcess[] = []
  const lost: LostWorker[] = []
  let fail: (error: Error) => void = () => {}
  const failed = new Promise<never>((_, reject) => {
    fail = reject
  })
  failed.catch(() => {})
  const exits = Array.from({ length: count }, (_, i) => {
    const child = spawnWorker(redis, prefix, run, i + 1)
    children.push(child)
    return exitOf(child, i + 1).then((ended) => {
      if (!ended) return
      lost.push(ended)
      onLost(ended)
      if (lost.length === count)
        fail(new Error(`every worker process died; the last: ${ended.message}`))
    })
  })
  return {
    failed,
    lost,
    done: async () => {
      await Promise.all(exits)
    },
    kill: () => {
      for (const child of children) if (child.exitCode === null) child.kill()
    },
  }
}

function spawnWorker(redis: string, prefix: string, run: string, worker: number): ChildProcess {
  const args = [CLI_MAIN, 'demo-worker', '--run', run, '--worker', String(worker)]
  return spawn(process.execPath, [...args, '--redis', redis, '--prefix', prefix], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
}

/** Resolves when the worker ends: null for a clean exit, what happened otherwise. Never rejects. */
async function exitOf(child: ChildProcess, worker: number): Promise<LostWorker | null> {
  let stderr = ''
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk
  })
  const name = `worker process ${worker} (pid ${child.pid ?? '?'})`
  const lostAs = (exitCode: number | null, signal: string | null, how: string): LostWorker => {
    const last = stderr.trim().split('\n').at(-1) ?? ''
    const message = `${name} ${how}${last ? `: ${last}` : ''}`
    return { worker, pid: child.pid ?? null, exitCode, signal, message }
  }
  try {
    const [exitCode, signal] = (await once(child, 'exit')) as [number | null, string | null]
    if (exitCode === 0) return null
    return lostAs(
      exitCode,
      signal,
      signal ? `was killed by ${signal}` : `exited with code ${exitCode}`,
    )
  } catch (error) {
    return lostAs(null, null, `could not start (${(error as Error).message})`)
  }
}
