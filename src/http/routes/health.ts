import type { DashboardApp, DashboardContext } from '../face.js'

/** A store slower than this to answer a ping is reported unavailable. */
export const HEALTH_TIMEOUT_MS = 2000

export type StoreHealth =
  | { status: 'ok'; store: string; latencyMs: number }
  | { status: 'unavailable'; error: string }

/** Pings the store, giving up after HEALTH_TIMEOUT_MS. */
export async function storeHealth(context: DashboardContext): Promise<StoreHealth> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the store did not answer within ${HEALTH_TIMEOUT_MS} ms`)),
      HEALTH_TIMEOUT_MS,
    )
  })
  try {
    const { store, latencyMs } = await Promise.race([context.ledger.ping(), timeout])
    return { status: 'ok', store, latencyMs: Math.round(latencyMs * 1000) / 1000 }
  } catch (error) {
    return { status: 'unavailable', error: error instanceof Error ? error.message : String(error) }
  } finally {
    clearTimeout(timer)
  }
}

/**
 * GET /healthz   200 `{ status: 'ok', store, latencyMs }` when the store answers a read within
 * 2 s, else 503 `{ status: 'unavailable', error }`. For load balancers and orchestrators.
 */
export function healthRoute(app: DashboardApp, context: DashboardContext): void {
  app.get('/healthz', async (c) => {
    const health = await storeHealth(context)
    c.header('Cache-Control', 'no-store')
    return c.json(health, health.status === 'ok' ? 200 : 503)
  })
}
