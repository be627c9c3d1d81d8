import { Command } from 'commander'
import { demoDispatch, demoIds, KEEP_COMPLETED_MS } from '../../demo/demo-names.js'
import type { DemoSettings } from '../../demo/plan.js'
import { runWorker } from '../../demo/worker.js'
import { InvalidArgumentError, type Ledger } from '../../index.js'
import type { CliCommand } from '../command.js'
import { openLedger } from '../open-ledger.js'
import { parsePositiveInteger } from '../parse.js'
import { guardProcess } from '../process-guard.js'

interface WorkerCommandOptions {
  run: string
  worker: number
}

/** Hidden: one worker process of `jobledger demo --redis`; leaves when the run is over. */
export const demoWorkerCommand: CliCommand = {
  name: 'demo-worker',
  register(program, run) {
    program.addCommand(
      new Command('demo-worker')
        .description('one worker process of `jobledger demo --redis` (started by the demo)')
        .requiredOption('--run <id>', 'the run id')
        .requiredOption('--worker <n>', 'the worker number', parsePositiveInteger)
        .action(
          run(async ({ out, globals }, options: WorkerCommandOptions) => {
            guardProcess(out, globals.verbose)
            if (globals.redis === undefined) {
              throw new InvalidArgumentError(
                'demo-worker needs --redis: it shares the run with the demo.',
              )
            }
            const ledger: Ledger = openLedger(globals, {
              dispatch: demoDispatch(() => ledger, options.run),
              keepCompletedMs: KEEP_COMPLETED_MS,
            })
            try {
              const runStatus = demoIds.runStatus(options.run)
              const snap = await ledger.getStatus(runStatus)
              const settings = snap?.fields.settings as DemoSettings | undefined
              if (!settings)
                throw new InvalidArgumentError(`No demo run ${options.run} to work for.`)
              const isOver = async () => {
                const now = await ledger.getStatus(runStatus)
                return now === null || now.isCompleted || now.isFailed
              }
              await runWorker({
                ledger,
                run: options.run,
                worker: options.worker,
                settings,
                isOver,
              })
              return undefined
            } finally {
              await ledger.close()
            }
          }),
        ),
      { hidden: true },
    )
  },
}
