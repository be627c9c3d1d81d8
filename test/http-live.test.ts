// Live updates over Server-Sent Events: snapshot on connect (so a reconnecting client is whole
// again), changes pushed from the shared timer, bounded memory with many clients. Memory store:
// the hub reads through the facades, which the conformance suite runs on both stores.
import { describe, expect, it } from 'vitest'
import { eventually } from '../src/testing/wait.js'
import { dashboardOnMemory, SseReader, seedJob } from './support/dashboard-fixture.js'

const FAST = { live: { intervalMs: 10 } }

function live(app: { request: (path: string) => Response | Promise<Response> }, ...keys: string[]) {
  return app.request(
    `/api/live?${new URLSearchParams(keys.map((key): [string, string] => ['key', key]))}`,
  )
}

describe('GET /api/live', () => {
  it('starts with a snapshot of every key, then pushes the changes', async () => {
    const { ledger, app } = dashboardOnMemory(FAST)
    await seedJob(ledger, 'j', 3)
    const response = await live(app, 'job:j', 'job:ghost', 'overview:jobs')
    expect(response.headers.get('content-type')).toContain('text/event-stream')
    const events = new SseReader(response)
    expect(await events.until('job:j', (v) => v?.done === 0 && v.state === 'closed')).toBeTruthy()
    expect(await events.until('job:ghost', (v) => v === null)).toBeNull()
    expect(await events.until('overview:jobs', (v) => v?.total === 1)).toBeTruthy()
    await ledger.job('j').done(0)
    await events.until('job:j', (v) => v?.done === 1)
    await ledger.job('j').done(1)
    await ledger.job('j').fail(2, 'x')
    await events.until('job:j', (v) => v?.state === 'finished' && v.failed === 1)
    await events.close()
    await eventually(() => app.liveStats().clients === 0, 'the closed stream is forgotten')
  })

  it('gives a reconnecting client the current state at once', async () => {
    const { ledger, app } = dashboardOnMemory(FAST)
    await seedJob(ledger, 'j', 2)
    const first = new SseReader(await live(app, 'job:j'))
    await first.until('job:j', (v) => v?.done === 0)
    await first.close()
    await ledger.job('j').done(0)
    const again = new SseReader(await live(app, 'job:j'))
    const event = await again.next()
    expect(event.id).not.toBeNull()
    expect(JSON.parse(event.data)).toMatchObject({ key: 'job:j', value: { done: 1 } })
    await again.close()
  })

  it('sends a stop made through the dashboard without waiting for the timer', async () => {
    const { ledger, app } = dashboardOnMemory({ readOnly: false, live: { intervalMs: 3_600_000 } })
    await seedJob(ledger, 'j', 2)
    const events = new SseReader(await live(app, 'job:j'))
    await events.until('job:j', (v) => v?.state === 'closed')
    const stop = await app.request('/api/jobs/j/stop', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    })
    expect(stop.status).toBe(200)
    await events.until('job:j', (v) => v?.state === 'stopped')
    await events.close()
  })

  it.each([
    ['', 'no key'],
    ['key=planet:x', 'an unknown source'],
    ['key=job', 'a key without id'],
    ['key=job:has%20space', 'an id the ledger refuses'],
    ['key=overview:planets', 'an unknown overview'],
  ])('answers 400 for %j (%s)', async (query) => {
    const { app } = dashboardOnMemory(FAST)
    const response = await app.request(`/api/live?${query}`)
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ error: { code: 'INVALID_ARGUMENT' } })
    expect(app.liveStats()).toEqual({ clients: 0, keys: 0, pending: 0 })
  })

  it('refuses more keys per stream, and more streams, than allowed', async () => {
    const { app } = dashboardOnMemory({
      live: { intervalMs: 10, maxKeysPerClient: 3, maxClients: 1 },
    })
    expect((await live(app, 'job:a', 'job:b', 'job:c', 'job:d')).status).toBe(400)
    const one = new SseReader(await live(app, 'job:a'))
    const two = await live(app, 'job:b')
    expect(two.status).toBe(503)
    expect(await two.json()).toMatchObject({ error: { code: 'TOO_MANY_CLIENTS' } })
    await one.close()
  })

  it('keeps memory bounded with 50 clients that do not read, and frees it when they leave', async () => {
    const { ledger, app } = dashboardOnMemory(FAST)
    const tokens = Array.from({ length: 20 }, (_, i) => `t${i}`)
    for (const token of tokens) await seedJob(ledger, token, 1000)
    const keys = tokens.map((token) => `job:${token}`)
    const streams = await Promise.all(Array.from({ length: 50 }, () => live(app, ...keys)))
    for (let part = 0; part < 200; part++) {
      await Promise.all(tokens.map((token) => ledger.job(token).done(part)))
      if (part % 50 === 0) await eventually(() => app.liveStats().pending > 0, 'updates are queued')
    }
    const stats = app.liveStats()
    expect(stats.clients).toBe(50)
    expect(stats.keys).toBe(20)
    expect(stats.pending).toBeLessThanOrEqual(50 * 20)
    await Promise.all(streams.map((response) => response.body!.cancel()))
    await eventually(() => app.liveStats().clients === 0, 'every stream is closed')
    expect(app.liveStats()).toEqual({ clients: 0, keys: 0, pending: 0 })
  })
})
