import type { DashboardApp, DashboardContext } from '../face.js'

/**
 * GET /api/live?key=job:<token>&key=overview:job   Server-Sent Events: first the current
 * value of every key (so a reconnecting client is whole again without replay), then an
 * `update` event { key, value } each time a value changes; value null means gone.
 */
export function liveApi(api: DashboardApp, context: DashboardContext): void {
  api.get('/live', (c) => {
    const client = context.live.connect(c.req.queries('key') ?? [])
    c.req.raw.signal.addEventListener('abort', () => client.close(), { once: true })
    return new Response(client.stream, {
      headers: {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        'X-Accel-Buffering': 'no',
      },
    })
  })
}
