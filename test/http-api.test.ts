// The dashboard's JSON API, exercised through app.request(): routes, paging, errors, and the
// mutation guards (read-only, JSON only, same origin). The HTTP edge depends only on the
// facades, which the conformance suite already runs on both stores, so one store suffices here.
import { describe, expect, it } from 'vitest'
import { ERROR_CODES, ERROR_STATUS } from '../src/index.js'
import { dashboardOnMemory, seedJob } from './support/dashboard-fixture.js'

const JSON_HEADERS = { 'Content-Type': 'application/json' }

describe('GET /api/units', () => {
  it('lists jobs newest first and pages with the returned cursor', async () => {
    const { ledger, app } = dashboardOnMemory()
    for (const token of ['a', 'b', 'c', 'd', 'e']) await seedJob(ledger, token, 2)
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const query = new URLSearchParams({ kind: 'job', limit: '2', ...(cursor ? { cursor } : {}) })
      const response = await app.request(`/api/units?${query}`)
      expect(response.status).toBe(200)
      const page = (await response.json()) as {
        items: { id: string; summary: { total: number } }[]
        cursor: string | null
      }
      expect(page.items.length).toBeLessThanOrEqual(2)
      expect(page.items.every((item) => item.summary.total === 2)).toBe(true)
      seen.push(...page.items.map((item) => item.id))
      cursor = page.cursor
    } while (cursor !== null)
    expect(seen.sort()).toEqual(['a', 'b', 'c', 'd', 'e'])
  })

  it.each([
    ['/api/units', 'no kind'],
    ['/api/units?kind=planet', 'an unknown kind'],
    ['/api/units?kind=job&limit=0', 'a limit below 1'],
    ['/api/units?kind=job&limit=ten', 'a limit that is not a number'],
    ['/api/units?kind=job&cursor=not-ours', 'a cursor it did not hand out'],
  ])('answers 400 INVALID_ARGUMENT for %s (%s)', async (path) => {
    const { app } = dashboardOnMemory()
    const response = await app.request(path)
    expect(response.status).toBe(400)
    const body = (await response.json()) as { error: { code: string; message: string } }
    expect(body.error.code).toBe('INVALID_ARGUMENT')
    expect(body.error.message.length).toBeGreaterThan(10)
  })
})

describe('GET /api/jobs/:token and /failures', () => {
  it('returns the summary and the failed parts with their reasons', async () => {
    const { ledger, app } = dashboardOnMemory()
    await seedJob(ledger, 'import-1', 3, 1)
    await ledger.job('import-1').fail(2, 'row 40 is malformed')
    const summary = await (await app.request('/api/jobs/import-1')).json()
    expect(summary).toMatchObject({
      token: 'import-1',
      state: 'closed',
      total: 3,
      succeeded: 1,
      failed: 1,
      open: 1,
    })
    const failures = await (await app.request('/api/jobs/import-1/failures')).json()
    expect(failures).toEqual({
      items: [{ part: '2', reason: 'row 40 is malformed' }],
      cursor: null,
    })
  })

  it('pages the failures with ?cursor=&limit=, each failure exactly once', async () => {
    const { ledger, app } = dashboardOnMemory()
    await seedJob(ledger, 'many', 250)
    const job = ledger.job('many')
    for (let part = 0; part < 250; part++) await job.fail(part, `reason ${part}`)
    const first = (await (await app.request('/api/jobs/many/failures')).json()) as {
      items: unknown[]
      cursor: string | null
    }
    expect(first.items).toHaveLength(100)
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const query = new URLSearchParams({ limit: '40', ...(cursor ? { cursor } : {}) })
      const response = await app.request(`/api/jobs/many/failures?${query}`)
      expect(response.status).toBe(200)
      const page = (await response.json()) as {
        items: { part: string; reason: string }[]
        cursor: string | null
      }
      expect(page.items.length).toBeLessThanOrEqual(40)
      for (const item of page.items) expect(item.reason).toBe(`reason ${item.part}`)
      seen.push(...page.items.map((item) => item.part))
      cursor = page.cursor
    } while (cursor !== null)
    expect(seen).toHaveLength(250)
    expect(new Set(seen).size).toBe(250)
  })

  it.each([
    ['limit=0', 'a limit below 1'],
    ['limit=1001', 'a limit above 1000'],
    ['limit=ten', 'a limit that is not a number'],
    ['cursor=not-ours', 'a cursor it did not hand out'],
    ['cursor=-5', 'a negative cursor'],
  ])(
    'answers 400 INVALID_ARGUMENT for failures?%s (%s), even for an unknown job',
    async (query) => {
      const { ledger, app } = dashboardOnMemory()
      await seedJob(ledger, 'j', 2)
      for (const token of ['j', 'unknown']) {
        const response = await app.request(`/api/jobs/${token}/failures?${query}`)
        expect(response.status).toBe(400)
        const body = (await response.json()) as { error: { code: string } }
        expect(body.error.code).toBe('INVALID_ARGUMENT')
      }
    },
  )

  it('decodes tokens that need escaping in a path', async () => {
    const { ledger, app } = dashboardOnMemory()
    await seedJob(ledger, 'a/b?c#d%e', 1)
    const response = await app.request(`/api/jobs/${encodeURIComponent('a/b?c#d%e')}`)
    expect(response.status).toBe(200)
    expect(((await response.json()) as { token: string }).token).toBe('a/b?c#d%e')
  })

  it.each(['/api/jobs/nope', '/api/jobs/nope/failures'])(
    'answers 404 NOT_FOUND for an unknown job at %s',
    async (path) => {
      const { app } = dashboardOnMemory()
      const response = await app.request(path)
      expect(response.status).toBe(404)
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND')
    },
  )

  it('answers 400 for a token the ledger refuses', async () => {
    const { app } = dashboardOnMemory()
    const response = await app.request(`/api/jobs/${encodeURIComponent('has space')}`)
    expect(response.status).toBe(400)
  })

  it('answers 404 ROUTE_NOT_FOUND as JSON for an unknown API route', async () => {
    const { app } = dashboardOnMemory()
    const response = await app.request('/api/nothing-here')
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ error: { code: 'ROUTE_NOT_FOUND' } })
  })
})

describe('POST /api/jobs/:token/stop', () => {
  it('is refused with 403 READ_ONLY by default and changes nothing', async () => {
    const { ledger, app } = dashboardOnMemory()
    await seedJob(ledger, 'j', 2)
    const response = await app.request('/api/jobs/j/stop', {
      method: 'POST',
      headers: JSON_HEADERS,
      body: '{}',
    })
    expect(response.status).toBe(403)
    expect(await response.json()).toMatchObject({ error: { code: 'READ_ONLY' } })
    expect(await ledger.job('j').isStopped()).toBe(false)
  })

  it('stops the job and answers the new summary when not read-only', async () => {
    const { ledger, app } = dashboardOnMemory({ readOnly: false })
    await seedJob(ledger, 'j', 2)
    const response = await app.request('/api/jobs/j/stop', {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ reason: 'operator' }),
    })
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({
      token: 'j',
      state: 'stopped',
      stopReason: 'operator',
    })
    expect(await ledger.job('j').isStopped()).toBe(true)
  })

  it.each([
    ['text/plain', '{}'],
    ['application/x-www-form-urlencoded', 'reason=x'],
    ['multipart/form-data; boundary=x', '--x--'],
  ])('refuses %s with 415 and changes nothing', async (contentType, body) => {
    const { ledger, app } = dashboardOnMemory({ readOnly: false })
    await seedJob(ledger, 'j', 2)
    const response = await app.request('/api/jobs/j/stop', {
      method: 'POST',
      headers: { 'Content-Type': contentType },
      body,
    })
    expect(response.status).toBe(415)
    expect(await response.json()).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA_TYPE' } })
    expect(await ledger.job('j').isStopped()).toBe(false)
  })

  it.each([
    [{ Origin: 'https://evil.example' }, 'another Origin'],
    [{ 'Sec-Fetch-Site': 'cross-site' }, 'Sec-Fetch-Site: cross-site'],
    [{ 'Sec-Fetch-Site': 'same-site' }, 'Sec-Fetch-Site: same-site'],
  ])(
    'refuses a cross-origin request (%s, %s) with 403 and changes nothing',
    async (headers: Record<string, string>, _label: string) => {
      const { ledger, app } = dashboardOnMemory({ readOnly: false })
      await seedJob(ledger, 'j', 2)
      const response = await app.request('http://localhost/api/jobs/j/stop', {
        method: 'POST',
        headers: { ...JSON_HEADERS, ...headers },
        body: '{}',
      })
      expect(response.status).toBe(403)
      expect(await response.json()).toMatchObject({ error: { code: 'CROSS_ORIGIN' } })
      expect(await ledger.job('j').isStopped()).toBe(false)
    },
  )

  it('accepts its own origin and the trusted origins', async () => {
    const { ledger, app } = dashboardOnMemory({
      readOnly: false,
      trustedOrigins: ['https://ops.example'],
    })
    await seedJob(ledger, 'j', 2)
    await seedJob(ledger, 'k', 2)
    const own = await app.request('http://localhost/api/jobs/j/stop', {
      method: 'POST',
      headers: { ...JSON_HEADERS, Origin: 'http://localhost', 'Sec-Fetch-Site': 'same-origin' },
      body: '{}',
    })
    expect(own.status).toBe(200)
    const trusted = await app.request('http://localhost/api/jobs/k/stop', {
      method: 'POST',
      headers: { ...JSON_HEADERS, Origin: 'https://ops.example' },
      body: '{}',
    })
    expect(trusted.status).toBe(200)
  })

  it.each([
    ['not json', 'invalid JSON'],
    ['[1]', 'an array'],
    ['{"reason": 5}', 'a reason that is not a string'],
  ])('answers 400 for a body of %s (%s) and changes nothing', async (body) => {
    const { ledger, app } = dashboardOnMemory({ readOnly: false })
    await seedJob(ledger, 'j', 2)
    const response = await app.request('/api/jobs/j/stop', {
      method: 'POST',
      headers: JSON_HEADERS,
      body,
    })
    expect(response.status).toBe(400)
    expect(await ledger.job('j').isStopped()).toBe(false)
  })

  it('answers 404 for an unknown job', async () => {
    const { app } = dashboardOnMemory({ readOnly: false })
    const response = await app.request('/api/jobs/ghost/stop', {
      method: 'POST',
      headers: JSON_HEADERS,
      body: '{}',
    })
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } })
  })
})

describe('error-status table', () => {
  it('maps every library error code to a status', () => {
    for (const code of ERROR_CODES) expect(ERROR_STATUS[code]).toBeGreaterThanOrEqual(400)
  })

  it('maps the HTTP edge refusals, the new ones included', () => {
    expect(ERROR_STATUS).toMatchObject({
      UNAUTHORIZED: 401,
      READ_ONLY: 403,
      CROSS_ORIGIN: 403,
      HOST_NOT_ALLOWED: 403,
      ROUTE_NOT_FOUND: 404,
      PAYLOAD_TOO_LARGE: 413,
      UNSUPPORTED_MEDIA_TYPE: 415,
      TOO_MANY_CLIENTS: 503,
    })
  })
})
