import type { Context, MiddlewareHandler } from 'hono'
import { InvalidArgumentError } from '../errors/jobledger-error.js'
import { HttpRefusal } from './error-status.js'

/**
 * Which `Host` the dashboard answers: `'*'` any (a proxy in front checks it), or names besides
 * loopback, each `name` (any port) or `name:port`, e.g. `['jobs.example.com']`.
 */
export type AllowedHosts = '*' | readonly string[]

export interface HostGuardOptions {
  allowedHosts: AllowedHosts | undefined
  /** With auth and no explicit allowedHosts, any Host is answered. */
  hasAuth: boolean
  /** The port loopback names must carry (serveDashboard's bound port); null: any port. */
  loopbackPort: () => number | null
}

type Refuse = (c: Context, refusal: HttpRefusal) => Response | Promise<Response>

interface HostRule {
  hostname: string
  port: number | null
}

const HOST_PATTERN = /^([a-z0-9]([a-z0-9.-]*[a-z0-9])?|\[[0-9a-f:.]+\])(:(\d{1,5}))?$/

/**
 * Defends against DNS rebinding: a page on another site whose name resolves to 127.0.0.1
 * reaches a loopback dashboard with its own name in `Host` (and `Origin`), so without auth
 * only loopback names (and `allowedHosts`) are answered, on every route. Null: no check.
 */
export function hostGuard(options: HostGuardOptions, refuse: Refuse): MiddlewareHandler | null {
  const { allowedHosts, hasAuth, loopbackPort } = options
  if (allowedHosts === '*') return null
  if (allowedHosts === undefined && hasAuth) return null
  const extra = parseAllowedHosts(allowedHosts ?? [])
  return async (c, next) => {
    const url = new URL(c.req.url)
    const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port)
    const hostname = url.hostname.toLowerCase()
    const loopback = isLoopbackName(hostname) && matchesPort(loopbackPort(), port)
    if (
      loopback ||
      extra.some((rule) => rule.hostname === hostname && matchesPort(rule.port, port))
    )
      return next()
    return refuse(
      c,
      new HttpRefusal(
        'HOST_NOT_ALLOWED',
        `The dashboard does not answer for host ${url.host}: open it at 127.0.0.1 or localhost, or list the host in allowedHosts.`,
      ),
    )
  }
}

function isLoopbackName(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname)
}

function matchesPort(expected: number | null, port: number): boolean {
  return expected === null || expected === port
}

function parseAllowedHosts(hosts: unknown): HostRule[] {
  if (!Array.isArray(hosts)) throw badHosts(hosts)
  return hosts.map((host: unknown) => {
    const match = typeof host === 'string' ? HOST_PATTERN.exec(host.toLowerCase()) : null
    const port = match?.[4] === undefined ? null : Number(match[4])
    if (!match || (port !== null && port > 65_535)) throw badHosts(host)
    return { hostname: match[1]!, port }
  })
}

function badHosts(value: unknown): InvalidArgumentError {
  return new InvalidArgumentError(
    `allowedHosts must be '*' or a list of host names, each 'name' or 'name:port' (e.g. 'jobs.example.com'), got ${JSON.stringify(value)}.`,
  )
}
