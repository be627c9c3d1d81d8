import { InvalidArgumentError } from '../../errors/jobledger-error.js'
import type { BullJobOptions } from './bullmq-types.js'

/** What fanOut and fanOutBatches take besides the BullMQ job options they pass on. */
export interface FanOutCommon {
  /** The BullMQ job name of every job added. */
  name: string
  /** The ledger job's token; default a new random one. */
  token?: string
  /** Seconds the ledger job lives after its last write (give workers the same). Default one day. */
  ttl?: number
}

export interface SplitOptions<Own extends string> {
  common: FanOutCommon
  own: Partial<Record<Own, unknown>>
  jobOptions: BullJobOptions
}

/** Splits fan-out options into the adapter's own and BullMQ's job options, refusing a fixed jobId. */
export function splitFanOutOptions<Own extends string>(
  options: unknown,
  ownNames: readonly Own[],
  what: string,
): SplitOptions<Own> {
  if (typeof options !== 'object' || options === null)
    throw new InvalidArgumentError(`${what} needs options { name, … }.`)
  const { name, token, ttl, ...rest } = options as Record<string, unknown>
  if (typeof name !== 'string' || name.length === 0)
    throw new InvalidArgumentError(`${what} needs the BullMQ job name: { name: 'import' }.`)
  if (token !== undefined && typeof token !== 'string')
    throw new InvalidArgumentError(`${what}: token must be a string.`)
  if (ttl !== undefined && typeof ttl !== 'number')
    throw new InvalidArgumentError(`${what}: ttl must be a number of seconds.`)
  if ('jobId' in rest)
    throw new InvalidArgumentError(
      `${what} adds one BullMQ job per item or batch, so one jobId for all of them would keep only the first; leave jobId out.`,
    )
  const own: Partial<Record<Own, unknown>> = {}
  for (const key of ownNames) {
    own[key] = rest[key]
    delete rest[key]
  }
  const common: FanOutCommon = { name }
  if (token !== undefined) common.token = token
  if (ttl !== undefined) common.ttl = ttl
  return { common, own, jobOptions: rest as BullJobOptions }
}
