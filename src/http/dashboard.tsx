import { type Context, Hono } from 'hono'
import { InvalidArgumentError } from '../errors/jobledger-error.js'
import type { Ledger } from '../ledger.js'
import { authMiddleware, type DashboardAuth } from './auth.js'
import { ERROR_STATUS, errorResponse, HttpRefusal } from './error-status.js'
import type { DashboardContext, DashboardEnv, OverviewCard } from './face.js'
import { FACES } from './faces.js'
import { mutationGuard } from './guards.js'
import { type AllowedHosts, hostGuard } from './host-guard.js'
import { LiveHub, type LiveHubOptions } from './live/live-hub.js'
import { overviewLiveSource } from './live/overview-source.js'
import { throughputOf } from './live/throughput-source.js'
import { ErrorPage } from './pages/components.js'
import { overviewPages } from './pages/overview.js'
import { renderPage } from './render.js'
import { assetRoutes } from './routes/assets.js'
import { healthRoute } from './routes/health.js'
import { liveApi } from './routes/live.js'
import { metricsRoute } from './routes/metrics.js'
import { securityHeaders } from './security.js'

export interface DashboardOptions {
  /** Path the dashboard is mounted under, e.g. '/admin/jobs'; default the root. */
  basePath?: string
  /** Required by serveDashboard on any address but loopback. */
  auth?: DashboardAuth
  /**
   * Host names answered besides loopback ('name' or 'name:port'). Without `auth` only
   * 127.0.0.1, localhost and [::1] are answered by default (the DNS-rebinding defence); with
   * `auth`, any. `'*'` answers any Host: only behind a proxy that checks it.
   */
  allowedHosts?: AllowedHosts
  /** Default true: no route changes anything. Set false to allow stop and the other actions. */
  readOnly?: boolean
  /** Origins besides the dashboard's own that may send changes (a proxy's public origin). */
  trustedOrigins?: readonly string[]
  /** Live updates: one shared timer re-reads the units clients watch. */
  live?: Partial<LiveHubOptions>
}

/** A Hono app: `fetch(request)` answers any web-standard Request. */
export type Dashboard = Hono<DashboardEnv> & {
  /** Ends every live stream (their clients reconnect elsewhere) and stops the shared timer. */
  close(): void
  /** Open live streams and watched keys. */
  liveStats(): { clients: number; keys: number; pending: number }
}

const LIVE_DEFAULTS: LiveHubOptions = {
  intervalMs: 1000,
  maxClients: 200,
  maxKeysPerClient: 200,
  heartbeatMs: 15_000,
}

/**
 * The web dashboard and JSON API of a ledger, as one web-standard app to mount anywhere.
 * Read-only unless `readOnly: false`; changes need `application/json` from the same origin.
 *
 * @example
 * const app = createDashboard(ledger, { readOnly: false, auth: { bearer: process.env.TOKEN! } })
 * createServer(dashboardListener(app)).listen(7821, '127.0.0.1')
 */
export function createDashboard(ledger: Ledger, options: DashboardOptions = {}): Dashboard {
  return buildDashboard(ledger, options, () => null)
}

/** createDashboard whose loopback names must carry `loopbackPort()` (serveDashboard's port). */
export function buildDashboard(
  ledger: Ledger,
  options: DashboardOptions,
  loopbackPort: () => number | null,
): Dashboard {
  const basePath = validateBasePath(options.basePath)
  const readOnly = options.readOnly ?? true
  if (typeof readOnly !== 'boolean') throw new InvalidArgumentError('readOnly must be a boolean.')
  const auth = authMiddleware(options.auth)
  const hosts = hostGuard(
    { allowedHosts: options.allowedHosts, hasAuth: auth !== null, loopbackPort },
    (c, refusal) => refuse(c, context, refusal),
  )
  const cards = new Map<string, () => Promise<OverviewCard>>()
  for (const face of FACES) if (face.overview) cards.set(face.name, () => face.overview!(ledger))
  const throughput = throughputOf(ledger)
  const sources = [
    ...FACES.flatMap((face) => face.live?.(ledger) ?? []),
    overviewLiveSource(cards),
    throughput.source(),
  ]
  const live = new LiveHub(sources, validateLive(options.live))
  const nav = FACES.flatMap((face) => (face.nav ? [face.nav] : []))
  const context: DashboardContext = { ledger, readOnly, basePath, live, nav }

  const guard = mutationGuard({ readOnly, trustedOrigins: options.trustedOrigins ?? [] })
  const api = new Hono<DashboardEnv>()
  api.use('*', (c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : guard(c, next),
  )
  liveApi(api, context)
  for (const face of FACES) face.api?.(api, context)
  api.onError((error, c) => errorResponse(c, error))

  const app = new Hono<DashboardEnv>()
  app.use('*', securityHeaders())
  if (hosts) app.use('*', hosts)
  if (auth) app.use('*', auth)
  assetRoutes(app)
  metricsRoute(app, context)
  healthRoute(app, context)
  overviewPages(
    app,
    context,
    () => Promise.all([...cards].map(async ([name, read]) => ({ name, card: await read() }))),
    (range) => throughput.current(range),
  )
  for (const face of FACES) face.pages?.(app, context)
  app.route('/api', api)
  app.notFound((c) => {
    if (isApiPath(c, basePath)) {
      const refusal = new HttpRefusal(
        'ROUTE_NOT_FOUND',
        `No API route ${c.req.method} ${c.req.path}.`,
      )
      return errorResponse(c, refusal)
    }
    const body = <ErrorPage code="NOT_FOUND" message={`Nothing at ${c.req.path}.`} />
    return renderPage(c, context, 'Not found', body, ERROR_STATUS.NOT_FOUND)
  })
  app.onError((error, c) => errorResponse(c, error))

  const root = basePath === '' ? app : new Hono<DashboardEnv>().route(basePath, app)
  return Object.assign(root, { close: () => live.close(), liveStats: () => live.stats() })
}

function isApiPath(c: Context, basePath: string): boolean {
  return c.req.path === `${basePath}/api` || c.req.path.startsWith(`${basePath}/api/`)
}

/** A refusal before any route: the JSON error body for the API, an error page otherwise. */
function refuse(
  c: Context<DashboardEnv>,
  context: DashboardContext,
  refusal: HttpRefusal,
): Response | Promise<Response> {
  if (isApiPath(c, context.basePath)) return errorResponse(c, refusal)
  const body = <ErrorPage code={refusal.code} message={refusal.message} />
  return renderPage(c, context, refusal.code, body, ERROR_STATUS[refusal.code])
}

function validateBasePath(basePath: unknown): string {
  if (basePath === undefined || basePath === '' || basePath === '/') return ''
  if (
    typeof basePath !== 'string' ||
    !/^(\/[A-Za-z0-9._~-]+)+\/?$/.test(basePath) ||
    /\/\.\.?(\/|$)/.test(basePath)
  ) {
    throw new InvalidArgumentError(
      `basePath must look like '/admin/jobs' (letters, digits, . _ ~ - between slashes), got ${JSON.stringify(basePath)}.`,
    )
  }
  return basePath.replace(/\/$/, '')
}

function validateLive(live: Partial<LiveHubOptions> | undefined): LiveHubOptions {
  const merged = { ...LIVE_DEFAULTS, ...live }
  for (const [name, value] of Object.entries(merged)) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new InvalidArgumentError(
        `live.${name} must be a positive integer, got ${String(value)}.`,
      )
    }
  }
  return merged
}
