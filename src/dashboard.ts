/**
 * `jobledger/dashboard`: the web dashboard and JSON API of a ledger (Hono). A subpath of its
 * own, so that `import 'jobledger'` never loads the HTTP stack.
 *
 * @example
 * import { createLedger } from 'jobledger'
 * import { serveDashboard } from 'jobledger/dashboard'
 * const served = await serveDashboard(createLedger(), { port: 7821 })
 */
export type { DashboardAuth } from './http/auth.js'
export { createDashboard, type Dashboard, type DashboardOptions } from './http/dashboard.js'
export { ERROR_STATUS, type ErrorBody, type HttpErrorCode } from './http/error-status.js'
export type { AllowedHosts } from './http/host-guard.js'
export type { LiveHubOptions } from './http/live/live-hub.js'
export { dashboardListener } from './http/node-listener.js'
export {
  isLoopback,
  type ServeDashboardOptions,
  type ServedDashboard,
  serveDashboard,
} from './http/serve.js'
