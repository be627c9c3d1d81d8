import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { createLedger, type Ledger } from '../index.js'
import { demoDispatch, KEEP_COMPLETED_MS } from './demo-names.js'
import type { DemoSettings } from './plan.js'
import { runWorker } from './worker.js'

/** The workers of one run, wherever they run. */
export interface DemoWorkers {
  /** Rejects when a worker fails before the run is over. */
  readonly failed: Promise<never>
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

/** Worker processes: the built CLI's hidden `demo-worker` command, one process each. */
export function startWorkerProcesses(
  redis: string,
  prefix: string,
  run: string,
  count: number,
): DemoWorkers {
  const children: ChildProcess[] = []
  const exits: Promise<void>[] = []
  for (let worker = 1; worker <= count; worker++) {
    const args = [CLI_MAIN, 'demo-worker', '--run', run, '--worker', String(worker)]
    const child = spawn(process.execPath, [...args, '--redis', redis, '--prefix', prefix], {
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
    })
    children.push(child)
    exits.push(
      once(child, 'exit').then(([code]) => {
        if (code !== 0) {
          throw new Error(`worker process ${worker} exited with ${code}: ${stderr.trim()}`)
        }
      }),
    )
  }
  const all = Promise.all(exits)
  const failed = Promise.race(exits.map((exit) => exit.then(() => new Promise<never>(() => {}))))
  failed.catch(() => {})
  return {
    failed,
    done: async () => {
      await all
    },
    kill: () => {
      for (const child of children) if (child.exitCode === null) child.kill()
    },
  }
}
