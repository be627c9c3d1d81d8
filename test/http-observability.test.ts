// The dashboard's operations routes: GET /metrics (Prometheus text) and GET /healthz (store
// reachable, round-trip latency). On memory, on the test Redis, and on a Redis nobody runs.
import { afterEach, describe, expect, it } from 'vitest'
import { createDashboard } from '../src/dashboard.js'
import { createLedger, type Ledger } from '../src/index.js'
import { freePort } from '../src/testing/redis-server.js'
import { dashboardOnMemory, seedJob } from './support/dashboard-fixture.js'
import { redisNamespace } from './support/redis-namespace.js'

const get = (app: { fetch(request: Request): Response | Promise<Response> }, path: string) =>
  app.fetch(new Request(`http://127.0.0.1${path}`))

describe('dashboard /metrics', () => {
  it('serves the counters, queue items and store health as Prometheus text', async () => {
    const { ledger, app } = dashboardOnMemory()
    await seedJob(ledger, 'nightly', 3, 2)
    await ledger.job('nightly').fail(2, 'bad row')
    const queue = ledger.queue('imports')
    await queue.createAndPush({})
    await queue.createAndPush({})
    await queue.tryPopAndStart()
    const response = await get(app, '/metrics')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8')
    const text = await response.text()
    const lines = text.split('\n')
    expect(lines).toEqual(
      expect.arrayContaining([
        '# TYPE jobledger_parts_settled_total counter',
        'jobledger_parts_settled_total{face="jobs",outcome="succeeded"} 2',
        'jobledger_parts_settled_total{face="jobs",outcome="failed"} 1',
        'jobledger_dispatch_failures_total 0',
        '# TYPE jobledger_queue_items gauge',
        'jobledger_queue_items{queue="imports",state="waiting"} 1',
        'jobledger_queue_items{queue="imports",state="running"} 1',
        'jobledger_queue_items{queue="imports",state="finished"} 0',
        'jobledger_store_up 1',
      ]),
    )
    expect(text).toMatch(/^jobledger_store_ping_seconds \d/m)
  })

  it('is behind the same auth as every other route', async () => {
    const { app } = dashboardOnMemory({ auth: { bearer: 'metrics-token' } })
    expect((await get(app, '/metrics')).status).toBe(401)
    const scraped = await app.fetch(
      new Request('http://127.0.0.1/metrics', {
        headers: { Authorization: 'Bearer metrics-token' },
      }),
    )
    expect(scraped.status).toBe(200)
  })

  it('on Redis, counts what the ledger did and reads queue items from Redis', async () => {
    const ns = await redisNamespace()
    try {
      const ledger = ns.ledger()
      const app = createDashboard(ledger)
      try {
        await ledger.queue('redis-queue').createAndPush({})
        await seedJob(ledger, 'r', 1, 1)
        const text = await (await get(app, '/metrics')).text()
        expect(text).toContain('jobledger_queue_items{queue="redis-queue",state="waiting"} 1')
        expect(text).toContain('jobledger_parts_settled_total{face="jobs",outcome="succeeded"} 1')
        expect(text).toContain('jobledger_store_up 1')
      } finally {
        app.close()
      }
    } finally {
      await ns.close()
    }
  })
})

describe('dashboard /healthz', () => {
  const opened: Ledger[] = []
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((ledger) => ledger.close()))
  })

  it('answers 200 with the store and its round-trip latency', async () => {
    const { app } = dashboardOnMemory()
    const response = await get(app, '/healthz')
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(await response.json()).toEqual({
      status: 'ok',
      store: 'memory',
      latencyMs: expect.any(Number),
    })
  })

  it('answers 503 naming the problem when the store cannot be reached', async () => {
    const ledger = createLedger({ redis: `redis://127.0.0.1:${await freePort()}` })
    opened.push(ledger)
    const app = createDashboard(ledger)
    try {
      const response = await get(app, '/healthz')
      expect(response.status).toBe(503)
      expect(await response.json()).toEqual({
        status: 'unavailable',
        error: expect.stringMatching(/^Redis at redis:\/\/127\.0\.0\.1:\d+ is unreachable/),
      })
      const metrics = await (await get(app, '/metrics')).text()
      expect(metrics).toContain('jobledger_store_up 0')
    } finally {
      app.close()
    }
  })
})
