import { afterEach, beforeEach } from 'vitest'
import type { Ledger } from '../../src/index.js'
import { redisNamespace } from './redis-namespace.js'
import { type CliResult, runCli } from './run-cli.js'

type Namespace = Awaited<ReturnType<typeof redisNamespace>>

/** Per test: a fresh namespace on the test Redis, a ledger over it, and the CLI pointed at it. */
export interface CliNamespace {
  readonly ns: Namespace
  readonly ledger: Ledger
  /** Runs the built `jobledger` with `args` against this test's namespace. */
  cli(...args: string[]): Promise<CliResult>
}

/** Registers the hooks that give each test of the calling suite its own CliNamespace. */
export function useCliNamespace(): CliNamespace {
  let ns: Namespace | null = null
  let ledger: Ledger | null = null
  beforeEach(async () => {
    ns = await redisNamespace()
    ledger = ns.ledger()
  })
  afterEach(async () => ns?.close())
  const current = (): Namespace => {
    if (ns === null) throw new Error('useCliNamespace() is read inside a test only.')
    return ns
  }
  return {
    get ns() {
      return current()
    },
    get ledger() {
      current()
      return ledger as Ledger
    },
    cli: (...args) =>
      runCli([...args, '--prefix', current().prefix], { JOBLEDGER_REDIS_URL: current().url }),
  }
}
