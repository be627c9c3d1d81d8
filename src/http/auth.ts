import { createHash, timingSafeEqual } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import { InvalidArgumentError } from '../errors/jobledger-error.js'
import { errorResponse, HttpRefusal } from './error-status.js'

/**
 * Who may use the dashboard: HTTP Basic credentials, one or more bearer tokens, or your own
 * check (a session cookie, an IP list, …) that returns true to let the request through.
 */
export type DashboardAuth =
  | { basic: { username: string; password: string } }
  | { bearer: string | readonly string[] }
  | { authorize: (request: Request) => boolean | Promise<boolean> }

type Check = (request: Request) => Promise<boolean>

/** Validates `auth` up front so a typo fails at startup, not on the first request. */
export function authMiddleware(auth: DashboardAuth | undefined): MiddlewareHandler | null {
  if (auth === undefined) return null
  const { check, challenge } = compile(auth)
  return async (c, next) => {
    if (await check(c.req.raw)) return next()
    const refusal = new HttpRefusal('UNAUTHORIZED', 'This dashboard needs credentials.')
    const response = errorResponse(c, refusal)
    if (challenge) response.headers.set('WWW-Authenticate', challenge)
    return response
  }
}

function compile(auth: DashboardAuth): { check: Check; challenge: string | null } {
  if (typeof auth !== 'object' || auth === null) throw badAuth()
  const keys = Object.keys(auth)
  if (keys.length !== 1) throw badAuth()
  if ('basic' in auth)
    return { check: basicCheck(auth.basic), challenge: 'Basic realm="jobledger"' }
  if ('bearer' in auth) return { check: bearerCheck(auth.bearer), challenge: 'Bearer' }
  if ('authorize' in auth && typeof auth.authorize === 'function') {
    const authorize = auth.authorize
    return { check: async (request) => (await authorize(request)) === true, challenge: null }
  }
  throw badAuth()
}

function basicCheck(basic: { username: string; password: string }): Check {
  if (!nonEmpty(basic?.username) || !nonEmpty(basic?.password) || basic.username.includes(':')) {
    throw new InvalidArgumentError(
      'auth.basic needs a non-empty username (without ":") and a non-empty password.',
    )
  }
  const expected = digest(`${basic.username}:${basic.password}`)
  return async (request) => {
    const match = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(request.headers.get('authorization') ?? '')
    if (!match) return false
    return timingSafeEqual(digest(Buffer.from(match[1]!, 'base64').toString('utf8')), expected)
  }
}

function bearerCheck(bearer: string | readonly string[]): Check {
  const tokens = typeof bearer === 'string' ? [bearer] : bearer
  if (!Array.isArray(tokens) || tokens.length === 0 || !tokens.every(nonEmpty)) {
    throw new InvalidArgumentError('auth.bearer must be a non-empty token or a list of them.')
  }
  const expected = tokens.map(digest)
  return async (request) => {
    const match = /^Bearer (\S+)$/i.exec(request.headers.get('authorization') ?? '')
    if (!match) return false
    const given = digest(match[1]!)
    return expected.reduce((found, token) => timingSafeEqual(given, token) || found, false)
  }
}

// Comparing fixed-length digests keeps the comparison constant-time whatever the lengths.
function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest()
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0
}

function badAuth(): InvalidArgumentError {
  return new InvalidArgumentError(
    'auth must be { basic: { username, password } }, { bearer: token } or { authorize(request) }.',
  )
}
