// The 64 KB cap on mutation bodies: a declared Content-Length over it is refused (413) before a
// byte is read, and a body without one (or lying about it) is read only up to the cap. The cap
// sits at the HTTP edge, before any store call, so one store suffices.
import { describe, expect, it } from 'vitest'
import type { Dashboard } from '../src/dashboard.js'
import { dashboardOnMemory, seedJob } from './support/dashboard-fixture.js'

const LIMIT = 64 * 1024
const JSON_HEADERS = { 'Content-Type': 'application/json' }

function bigBody(bytes: number): string {
  return JSON.stringify({ reason: 'x'.repeat(bytes) })
}

/** A body stream that yields `chunks` and then, unless `end`, never ends. */
function streamOf(chunks: string[], end: boolean): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk))
      if (end) controller.close()
    },
  })
}

async function stop(
  app: Dashboard,
  body: string | ReadableStream<Uint8Array>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return await app.request('http://localhost/api/jobs/j/stop', {
    method: 'POST',
    headers: { ...JSON_HEADERS, ...headers },
    body,
    duplex: 'half',
  } as RequestInit)
}

async function expectTooLarge(response: Response): Promise<void> {
  expect(response.status).toBe(413)
  expect(await response.json()).toMatchObject({
    error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining(String(LIMIT)) },
  })
}

describe('mutation body limit', () => {
  it('refuses a large body with 413 and changes nothing', async () => {
    const { ledger, app } = dashboardOnMemory({ readOnly: false })
    await seedJob(ledger, 'j', 2)
    await expectTooLarge(await stop(app, bigBody(LIMIT)))
    expect(await ledger.job('j').isStopped()).toBe(false)
  })

  it('refuses an over-limit Content-Length before reading the body', async () => {
    const { ledger, app } = dashboardOnMemory({ readOnly: false })
    await seedJob(ledger, 'j', 2)
    // The stream never ends: the answer can only come if the body is left unread.
    const endless = streamOf(['{"reason":"'], false)
    await expectTooLarge(await stop(app, endless, { 'Content-Length': String(10 * LIMIT) }))
    const retry = await app.request('http://localhost/api/queues/q/items/i/retry', {
      method: 'POST',
      headers: { ...JSON_HEADERS, 'Content-Length': String(LIMIT + 1) },
      body: streamOf(['{}'], false),
      duplex: 'half',
    } as RequestInit)
    await expectTooLarge(retry)
    expect(await ledger.job('j').isStopped()).toBe(false)
  })

  it('caps the read of a body without Content-Length', async () => {
    const { ledger, app } = dashboardOnMemory({ readOnly: false })
    await seedJob(ledger, 'j', 2)
    const chunk = 'x'.repeat(16 * 1024)
    // Ten chunks are more than the cap; the stream stays open past them, so reading it whole
    // would never finish.
    const endless = streamOf(['{"reason":"', ...Array(10).fill(chunk)], false)
    await expectTooLarge(await stop(app, endless))
    expect(await ledger.job('j').isStopped()).toBe(false)
  })

  it('caps the read of a body whose Content-Length understates it', async () => {
    const { ledger, app } = dashboardOnMemory({ readOnly: false })
    await seedJob(ledger, 'j', 2)
    await expectTooLarge(await stop(app, bigBody(LIMIT), { 'Content-Length': '20' }))
    expect(await ledger.job('j').isStopped()).toBe(false)
  })

  it('accepts a body just under the limit, streamed in chunks split inside a character', async () => {
    const { ledger, app } = dashboardOnMemory({ readOnly: false })
    await seedJob(ledger, 'j', 2)
    const reason = 'é'.repeat(2_000)
    const skeleton = JSON.stringify({ reason, padding: '' })
    const padding = 'x'.repeat(LIMIT - Buffer.byteLength(skeleton))
    const bytes = new TextEncoder().encode(JSON.stringify({ reason, padding }))
    expect(bytes.byteLength).toBe(LIMIT)
    const chunks = [bytes.subarray(0, 14), bytes.subarray(14, 5_001), bytes.subarray(5_001)]
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(chunk)
        controller.close()
      },
    })
    const response = await stop(app, body)
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ stopReason: reason })
  })
})
