import type { IncomingMessage, ServerResponse } from 'node:http'
import { getRequestListener } from '@hono/node-server'

type FetchApp = { fetch: (request: Request) => Response | Promise<Response> }

/** An IncomingMessage as frameworks hand it on: Express keeps the unstripped path in originalUrl. */
type MountedRequest = IncomingMessage & { originalUrl?: string }

/**
 * A Node `(req, res)` listener for the dashboard: for `http.createServer`, Express
 * (`app.use('/jobs', listener)`: the full path is read back from `req.originalUrl`) and
 * Fastify (`reply.hijack()` then `listener(request.raw, reply.raw)`).
 *
 * @example
 * const app = createDashboard(ledger, { basePath: '/jobs' })
 * expressApp.use('/jobs', dashboardListener(app))
 */
export function dashboardListener(
  app: FetchApp,
): (req: MountedRequest, res: ServerResponse) => Promise<void> {
  const listener = getRequestListener((request) => app.fetch(request))
  return (req, res) => {
    if (typeof req.originalUrl === 'string') req.url = req.originalUrl
    return listener(req, res)
  }
}
