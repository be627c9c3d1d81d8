import { Cluster, type Redis, type RedisOptions } from 'ioredis'
import { type Logger, log } from '../../logger.js'

/**
 * What a client the caller passes must not do, and what to set instead. A command whose reply
 * was lost may already have run; a client that sends it again after reconnecting applies it
 * twice (a push stored twice, a "last" answered to nobody).
 */
export function unsafeClientSettings(client: Redis | Cluster): string[] {
  if (client instanceof Cluster) {
    const { redisOptions = {}, clusterNodeRetryStrategy } = client.options
    // Node connections reconnect (and could resend) only with a clusterNodeRetryStrategy.
    const nodeOptions =
      typeof clusterNodeRetryStrategy === 'function'
        ? redisOptions
        : { ...redisOptions, autoResendUnfulfilledCommands: false }
    const problems = connectionProblems(nodeOptions)
    if ((client.options.retryDelayOnFailover ?? 100) > 0) {
      problems.push(
        'it sends a command again when its node connection closes before the reply (set retryDelayOnFailover: 0)',
      )
    }
    return problems
  }
  return connectionProblems(client.options)
}

function connectionProblems(options: RedisOptions): string[] {
  const problems: string[] = []
  if (options.autoResendUnfulfilledCommands !== false && options.maxRetriesPerRequest !== 0) {
    problems.push(
      'it resends unanswered commands after a reconnect (set autoResendUnfulfilledCommands: false)',
    )
  }
  if (typeof options.reconnectOnError === 'function') {
    problems.push('reconnectOnError may send a failed command again (leave it unset)')
  }
  if (options.commandTimeout === undefined && options.socketTimeout === undefined) {
    problems.push(
      'it has no commandTimeout or socketTimeout, so it keeps a dead connection open (set socketTimeout, e.g. 5000)',
    )
  }
  return problems
}

const warned = new WeakSet<object>()
let warnedProcess = false

/**
 * Warns once per client through the logger (with none, once per process as a process warning) when a
 * client the caller passed could apply a write twice or keep a dead connection. The ledger
 * still bounds every call with its own timeout.
 */
export function warnAboutPassedClient(
  client: Redis | Cluster,
  address: string,
  logger: Logger | undefined,
): void {
  const problems = unsafeClientSettings(client)
  if (problems.length === 0 || warned.has(client)) return
  warned.add(client)
  const message = `The Redis client passed to createLedger (${address}) is unsafe for exactly-once writes: ${problems.join('; ')}. See "Connections and timeouts" in the jobledger README.`
  if (logger) log(logger, 'warn', { address, problems }, message)
  else if (!warnedProcess) {
    warnedProcess = true
    process.emitWarning(message, { code: 'JOBLEDGER_UNSAFE_REDIS_CLIENT' })
  }
}
