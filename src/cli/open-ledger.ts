import {
  createLedger,
  InvalidArgumentError,
  type Ledger,
  type LedgerOptions,
  maskRedisUrl,
} from '../index.js'

export const REDIS_URL_ENV = 'JOBLEDGER_REDIS_URL'
export const PREFIX_ENV = 'JOBLEDGER_PREFIX'
const DEFAULT_PREFIX = 'jobledger'

/** The options every command accepts (before or after its name). */
export interface GlobalOptions {
  redis?: string
  prefix?: string
  verbose?: boolean
}

/** Where a command reads and writes, in words for messages. */
export interface Target {
  embedded: boolean
  description: string
}

export function targetOf(globals: GlobalOptions): Target {
  if (globals.redis === undefined) {
    return {
      embedded: true,
      description: `the embedded store (empty in every invocation: pass --redis URL or set ${REDIS_URL_ENV})`,
    }
  }
  const prefix = globals.prefix ?? DEFAULT_PREFIX
  return { embedded: false, description: `${maskRedisUrl(globals.redis)} (prefix ${prefix})` }
}

function validateRedisUrl(url: string): void {
  let protocol: string
  try {
    protocol = new URL(url).protocol
  } catch {
    protocol = ''
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') {
    throw new InvalidArgumentError(
      `--redis must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379, got ${JSON.stringify(maskRedisUrl(url))}.`,
    )
  }
}

/** The ledger every command uses: Redis when --redis (or the env variable) is set, else embedded. */
export function openLedger(globals: GlobalOptions, extra: LedgerOptions = {}): Ledger {
  if (globals.redis === undefined) return createLedger(extra)
  validateRedisUrl(globals.redis)
  return createLedger({ ...extra, redis: globals.redis, prefix: prefixOf(globals) })
}

/** A ledger the CLI opened, with what its connection met (for messages) and its closing. */
export interface CliLedger {
  ledger: Ledger
  /** The last error the Redis client reported (refused, DNS, TLS, auth…); null on memory. */
  lastConnectionError(): Error | null
  close(): Promise<void>
}

/**
 * Like openLedger, with a logger that keeps the last connection error the ledger's own
 * (safe, never-resending) connections met, so a message can say which kind it was, and
 * prints each audited action (`ledger.audit`) as an `audit {json}` line through `audit`.
 */
export function openCliLedger(
  globals: GlobalOptions,
  extra: LedgerOptions = {},
  audit: (line: string) => void = () => {},
): CliLedger {
  const info = (context: object) => {
    if ((context as { by?: unknown }).by === 'cli') audit(`audit ${JSON.stringify(context)}`)
  }
  if (globals.redis === undefined) {
    const logger = { debug: () => {}, info, warn: () => {}, error: () => {} }
    const ledger = createLedger({ logger, ...extra })
    return { ledger, lastConnectionError: () => null, close: () => ledger.close() }
  }
  validateRedisUrl(globals.redis)
  let last: Error | null = null
  const keep = (context: object) => {
    const error = (context as { err?: unknown }).err
    if (error instanceof Error) last = error
  }
  const logger = { debug: keep, info, warn: keep, error: keep }
  const ledger = createLedger({ ...extra, redis: globals.redis, prefix: prefixOf(globals), logger })
  return { ledger, lastConnectionError: () => last, close: () => ledger.close() }
}

export function prefixOf(globals: GlobalOptions): string {
  return globals.prefix ?? DEFAULT_PREFIX
}
