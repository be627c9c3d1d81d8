import { isJobledgerError, StoreUnavailableError } from '../index.js'

/** Why a connection to Redis failed, as far as the client's errors tell. */
export type ConnectionProblem = 'refused' | 'dns' | 'tls' | 'auth' | 'timeout' | 'closed'

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA'])
const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
])
const CLOSED_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED'])

function codeOf(error: Error): string {
  return String((error as NodeJS.ErrnoException).code ?? '')
}

/** The problem one client error stands for; null when it says nothing about the connection. */
export function classifyConnectionError(error: unknown): ConnectionProblem | null {
  if (!(error instanceof Error)) return null
  const code = codeOf(error)
  if (/^(NOAUTH|WRONGPASS)\b|invalid (username-)?password/i.test(error.message)) return 'auth'
  if (code === 'ECONNREFUSED') return 'refused'
  if (DNS_CODES.has(code)) return 'dns'
  if (/^ERR_(SSL|TLS)_/.test(code) || CERTIFICATE_CODES.has(code)) return 'tls'
  if (code === 'ETIMEDOUT') return 'timeout'
  if (CLOSED_CODES.has(code)) return 'closed'
  return null
}

function detailOf(error: Error): string {
  const code = codeOf(error)
  return code === '' ? error.message.split(/[\s.]/)[0] || error.message : code
}

/** One line saying what went wrong with `url` (masked) and what to do about it. */
export function explainConnectionProblem(
  problem: ConnectionProblem,
  url: string,
  error: Error,
): string {
  const detail = detailOf(error)
  switch (problem) {
    case 'refused':
      return `Redis at ${url} refused the connection (${detail}): check that redis-server runs there and that the host and port are right.`
    case 'dns':
      return `Cannot resolve the host of ${url} (${detail}): check the host name in --redis or JOBLEDGER_REDIS_URL.`
    case 'tls':
      return `TLS with Redis at ${url} failed (${detail}): check the server's certificate, or use redis:// if the server does not speak TLS.`
    case 'auth':
      return `Redis at ${url} refused the credentials (${detail}): put the right user and password in the URL, as redis://user:password@host:port.`
    case 'timeout':
      return url.startsWith('rediss:')
        ? `Redis at ${url} did not complete a TLS handshake in time (${detail}): is that port serving TLS? Use redis:// if not.`
        : `Redis at ${url} did not answer in time (${detail}): check the host, the port and any firewall in between.`
    case 'closed':
      return `Redis at ${url} closed the connection (${detail}): if the server speaks TLS, use rediss://; otherwise see its log.`
  }
}

/**
 * A store error of a command restated by what the connection met, when that is known: the
 * last error the client reported, else the error's own cause. Other errors are returned as is.
 */
export function explainStoreError(error: unknown, url: string, lastClientError: Error | null) {
  if (!isJobledgerError(error)) return error
  if (error.code !== 'STORE_UNAVAILABLE' && error.code !== 'INTERNAL') return error
  for (const candidate of [error.cause, lastClientError]) {
    const problem = classifyConnectionError(candidate)
    if (problem !== null && candidate instanceof Error) {
      return new StoreUnavailableError(explainConnectionProblem(problem, url, candidate), {
        cause: error,
        details: { problem },
      })
    }
  }
  return error
}
