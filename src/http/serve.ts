import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { InvalidArgumentError } from '../errors/jobledger-error.js'
import type { Ledger } from '../ledger.js'
import { buildDashboard, type DashboardOptions } from './dashboard.js'
import { dashboardListener } from './node-listener.js'

export interface ServeDashboardOptions extends DashboardOptions {
  /** Default 7821; 0 picks a free port. */
  port?: number
  /** Default '127.0.0.1'. Any address but loopback needs `auth`. */
  host?: string
}

export interface ServedDashboard {
  /** e.g. http://127.0.0.1:7821/ (with the basePath). */
  readonly url: string
  readonly port: number
  /** Ends live streams, stops listening and closes open connections. */
  close(): Promise<void>
}

/**
 * Serves the dashboard on its own HTTP server. Refuses a non-loopback host without `auth`,
 * so the ledger is never exposed by accident; without `auth` it answers only requests whose
 * `Host` is 127.0.0.1, localhost or [::1] with the served port (or one of `allowedHosts`).
 *
 * @example
 * const served = await serveDashboard(ledger, { port: 7821 })
 * console.log(`dashboard on ${served.url}`)
 */
export async function serveDashboard(
  ledger: Ledger,
  options: ServeDashboardOptions = {},
): Promise<ServedDashboard> {
  const { port = 7821, host = '127.0.0.1', ...dashboardOptions } = options
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new InvalidArgumentError(`port must be an integer from 0 to 65535, got ${String(port)}.`)
  }
  if (!isLoopback(host) && dashboardOptions.auth === undefined) {
    throw new InvalidArgumentError(
      `Refusing to serve the dashboard on ${host} without auth: pass auth (basic, bearer or authorize) or use 127.0.0.1.`,
    )
  }
  let bound: number | null = null
  const app = buildDashboard(ledger, dashboardOptions, () => bound)
  const server = createServer(dashboardListener(app))
  await listen(server, port, host)
  bound = (server.address() as AddressInfo).port
  const hostInUrl = host.includes(':') ? `[${host}]` : host
  return {
    url: `http://${hostInUrl}:${bound}${dashboardOptions.basePath ?? ''}/`.replace(/\/\/$/, '/'),
    port: bound,
    close: async () => {
      app.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** True for the loopback interface only; '0.0.0.0' and '::' listen on every interface. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
}
