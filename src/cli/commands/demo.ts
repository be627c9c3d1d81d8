import { randomBytes } from 'node:crypto'
import { Option } from 'commander'
import { demoDispatch, KEEP_COMPLETED_MS } from '../../demo/demo-names.js'
import { createDemoDisplay } from '../../demo/demo-progress.js'
import { printDemoSummary } from '../../demo/demo-summary.js'
import { runDemo } from '../../demo/run-demo.js'
import { InvalidArgumentError, type Ledger } from '../../index.js'
import type { CliCommand } from '../command.js'
import { EXIT, type ExitCode } from '../exit-codes.js'
import { openLedger, prefixOf } from '../open-ledger.js'
import type { Output } from '../output.js'
import { parseNonNegativeInteger, parsePositiveInteger, parseRate } from '../parse.js'
import { guardProcess } from '../process-guard.js'

interface DemoCommandOptions {
  items: number
  batchSize: number
  workers: number
  failRate: number
  seed: number
  workUs: number
  json?: boolean
}

const MAX_BATCH_SIZE = 1_000_000
const MAX_WORKERS = 64
const SWEEP_MS = 5_000

function validate(options: DemoCommandOptions): void {
  if (options.batchSize > MAX_BATCH_SIZE) {
    throw new InvalidArgumentError(`--batch-size must be at most ${MAX_BATCH_SIZE}.`)
  }
  if (options.workers > MAX_WORKERS) {
    throw new InvalidArgumentError(`--workers must be at most ${MAX_WORKERS}.`)
  }
}

/** `jobledger demo`: the import pipeline across every face, with live progress. */
export const demoCommand: CliCommand = {
  name: 'demo',
  register(program, run) {
    program
      .command('demo')
      .description(
        'run a realistic import: batches of a distributed job in stage 1, a summary and a report stage, workers fed by a tracked queue',
      )
      .addOption(opt('--items <n>', 'items to import', 50_000, parsePositiveInteger))
      .addOption(opt('--batch-size <n>', 'items per batch', 500, parsePositiveInteger))
      .addOption(opt('--workers <n>', 'workers (processes with --redis)', 8, parsePositiveInteger))
      .addOption(opt('--fail-rate <rate>', 'share of items that fail', 0.01, parseRate))
      .addOption(opt('--seed <n>', 'seed of the injected outcomes', 1, parseNonNegativeInteger))
      .addOption(
        opt('--work-us <µs>', 'simulated I/O per item, in µs', 1500, parseNonNegativeInteger),
      )
      .option('--json', 'print only the final result as JSON (no progress)')
      .action(
        run(async ({ out, globals, target, signal }, options: DemoCommandOptions) => {
          guardProcess(out, globals.verbose)
          validate(options)
          const runId = randomBytes(4).toString('hex')
          const settings = {
            items: options.items,
            batchSize: options.batchSize,
            failRate: options.failRate,
            seed: options.seed,
            workUs: options.workUs,
          }
          const ledger: Ledger = openLedger(globals, {
            dispatch: demoDispatch(() => ledger, runId),
            keepCompletedMs: KEEP_COMPLETED_MS,
            // Recovers a callback whose dispatching worker died before confirming it.
            sweeper: { intervalMs: SWEEP_MS },
          })
          try {
            if (!options.json) {
              out.line(
                `Importing ${settings.items} items in batches of ${settings.batchSize} with ${options.workers} workers on ${target.embedded ? 'the embedded store (workers in this process)' : `${target.description} (worker processes)`}; fail rate ${settings.failRate}, seed ${settings.seed}.`,
              )
            }
            const redis = globals.redis
              ? { url: globals.redis, prefix: prefixOf(globals) }
              : undefined
            const result = await runDemo(ledger, {
              run: runId,
              settings,
              workers: options.workers,
              ...(redis ? { redis } : {}),
              display: options.json ? { update: () => {}, stop: () => {} } : createDemoDisplay(out),
              signal,
              onWorkerLost: (lost) =>
                out.error(`${lost.message}; the other workers go on with its work.`),
            })
            if (signal.aborted) return interrupted(out)
            if (options.json) out.json(result)
            else
              printDemoSummary(
                out,
                result,
                target.embedded
                  ? 'the embedded store, gone when the demo exits'
                  : target.description,
                redis,
              )
            return result.mismatches.length === 0 ? EXIT.ok : EXIT.failure
          } catch (error) {
            if (signal.aborted) return interrupted(out)
            throw error
          } finally {
            await ledger.close()
          }
        }),
      )
  },
}

function interrupted(out: Output): ExitCode {
  out.error('demo interrupted; its workers were stopped.')
  return EXIT.interrupted
}

function opt<T>(flags: string, description: string, fallback: T, parse: (value: string) => T) {
  return new Option(flags, description).default(fallback).argParser(parse)
}
