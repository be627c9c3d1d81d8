// The DNS-rebinding defence: without auth the dashboard answers only loopback Host names (and
// allowedHosts) on every route, pages, API, live stream and assets alike; with auth any Host
// unless allowedHosts is given. The check sits at the HTTP edge, before any store call, so one
// store suffices; the last cases go over a real socket to serveDashboard with a forged Host.
import { request as httpRequest } from 'node:http'
import { describe, expect, it } from 'vitest'
import { createDashboard, type Dashboard, serveDashboard } from '../src/dashboard.js'
import { createLedger, isJobledgerError } from '../src/index.js'
import { dashboardOnMemory, seedJob } from './support/dashboard-fixture.js'

const EVIL = 'http://evil.example:7821'
const JSON_HEADERS = { 'Content-Type': 'application/json' }

async function expectHostRefusedJson(response: Response): Promise<void> {
  expect(response.status).toBe(403)
  expect(await response.json()).toMatchObject({ error: { code: 'HOST_NOT_ALLOWED' } })
}

function rebindingStop(app: Dashboard, origin = EVIL): Promise<Response> {
  return Promise.resolve(
    app.request(`${origin}/api/jobs/j/stop`, {
      method: 'POST',
      headers: { ...JSON_HEADERS, Origin: origin, 'Sec-Fetch-Site': 'same-origin' },
      body: '{}',
    }),
  )
}

describe('Host check without auth', () => {
  it('refuses a rebinding Host on the GET API and the live stream with the JSON error', async () => {
    const { ledger, app } = dashboardOnMemory()
    await seedJob(ledger, 'j', 2)
    await expectHostRefusedJson(await app.request(`${EVIL}/api/jobs/j`))
    await expectHostRefusedJson(await app.request(`${EVIL}/api/units?kind=job`))
    const stream = await app.request(`${EVIL}/api/live?key=job:j`)
    await expectHostRefusedJson(stream)
    expect(app.liveStats().clients).toBe(0)
  })

  it.each(['/', '/jobs', '/jobs/j', '/queues', '/assets/dashboard.js', '/nothing-here'])(
    'refuses a rebinding Host on %s with an error page',
    async (path) => {
      const { ledger, app } = dashboardOnMemory()
      await seedJob(ledger, 'j', 2)
      const response = await app.request(`${EVIL}${path}`)
      expect(response.status).toBe(403)
      expect(response.headers.get('content-type')).toContain('text/html')
      const html = await response.text()
      expect(html).toContain('HOST_NOT_ALLOWED')
      expect(html).not.toContain('data-live="job:j"')
    },
  )

  it('refuses a rebinding mutation that claims the same origin and changes nothing', async () => {
    const { ledger, app } = dashboardOnMemory({ readOnly: false })
    await seedJob(ledger, 'j', 2)
    await expectHostRefusedJson(await rebindingStop(app))
    expect(await ledger.job('j').isStopped()).toBe(false)
  })

  it.each([
    'http://127.0.0.1:7821',
    'http://127.0.0.2',
    'http://localhost',
    'http://localhost:9000',
    'http://[::1]:7821',
  ])('answers the loopback host %s', async (origin) => {
    const { ledger, app } = dashboardOnMemory({ readOnly: false })
    await seedJob(ledger, 'j', 2)
    expect((await app.request(`${origin}/api/jobs/j`)).status).toBe(200)
    expect((await app.request(`${origin}/jobs/j`)).status).toBe(200)
    expect((await rebindingStop(app, origin)).status).toBe(200)
  })

  it.each(['http://127.0.0.1.evil.example', 'http://localhost.evil.example', 'http://10.0.0.5'])(
    'refuses the look-alike host %s',
    async (origin) => {
      const { app } = dashboardOnMemory()
      await expectHostRefusedJson(await app.request(`${origin}/api/units?kind=job`))
    },
  )

  it('refuses under a basePath too, with JSON for its API', async () => {
    const { app } = dashboardOnMemory({ basePath: '/admin/jobs' })
    await expectHostRefusedJson(await app.request(`${EVIL}/admin/jobs/api/units?kind=job`))
    expect((await app.request(`${EVIL}/admin/jobs/`)).status).toBe(403)
    expect((await app.request('http://localhost/admin/jobs/api/units?kind=job')).status).toBe(200)
  })
})

describe('Host check with auth and allowedHosts', () => {
  it('answers any Host when auth is configured, and still asks for the credentials', async () => {
    const { ledger, app } = dashboardOnMemory({ auth: { bearer: 'tok' } })
    await seedJob(ledger, 'j', 2)
    expect((await app.request(`${EVIL}/api/jobs/j`)).status).toBe(401)
    const withToken = await app.request(`${EVIL}/api/jobs/j`, {
      headers: { Authorization: 'Bearer tok' },
    })
    expect(withToken.status).toBe(200)
  })

  it('answers the listed hosts besides loopback, with or without a port', async () => {
    const { app } = dashboardOnMemory({
      allowedHosts: ['jobs.example.com', 'ops.example.com:8443'],
    })
    const status = async (origin: string) =>
      (await app.request(`${origin}/api/units?kind=job`)).status
    expect(await status('http://jobs.example.com')).toBe(200)
    expect(await status('https://JOBS.example.com:444')).toBe(200)
    expect(await status('https://ops.example.com:8443')).toBe(200)
    expect(await status('https://ops.example.com')).toBe(403)
    expect(await status('http://localhost:7821')).toBe(200)
    expect(await status(EVIL)).toBe(403)
  })

  it('keeps an explicit allowedHosts list with auth', async () => {
    const { app } = dashboardOnMemory({
      auth: { bearer: 'tok' },
      allowedHosts: ['jobs.example.com'],
    })
    const headers = { Authorization: 'Bearer tok' }
    expect((await app.request(`${EVIL}/api/units?kind=job`, { headers })).status).toBe(403)
    const listed = await app.request('http://jobs.example.com/api/units?kind=job', { headers })
    expect(listed.status).toBe(200)
  })

  it("answers any Host with allowedHosts: '*' (a proxy checks it)", async () => {
    const { app } = dashboardOnMemory({ allowedHosts: '*' })
    expect((await app.request(`${EVIL}/api/units?kind=job`)).status).toBe(200)
  })

  it.each([['evil.example/path'], ['has space'], [''], ['host:99999'], [[5]], ['*.example.com']])(
    'refuses allowedHosts entry %j at creation',
    async (entry) => {
      const ledger = createLedger()
      try {
        createDashboard(ledger, { allowedHosts: [entry] as unknown as string[] })
        expect.unreachable()
      } catch (error) {
        expect(isJobledgerError(error) && error.code).toBe('INVALID_ARGUMENT')
        expect((error as Error).message).toContain('allowedHosts')
      } finally {
        await ledger.close()
      }
    },
  )
})

/** A raw request over a socket with a forged Host header, as a rebinding browser sends it. */
function rawRequest(
  port: number,
  host: string,
  method = 'GET',
  path = '/api/jobs/j',
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const origin = `http://${host}`
    const headers = { Host: host, Origin: origin, 'Sec-Fetch-Site': 'same-origin', ...JSON_HEADERS }
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        body += chunk
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end(method === 'POST' ? '{}' : undefined)
  })
}

describe('serveDashboard over a socket', () => {
  it('refuses a forged Host (the rebinding attack) and answers loopback names on its port', async () => {
    const ledger = createLedger()
    const served = await serveDashboard(ledger, { port: 0, readOnly: false })
    try {
      await seedJob(ledger, 'j', 2)
      const { port } = served
      const stop = await rawRequest(port, `evil.example:${port}`, 'POST', '/api/jobs/j/stop')
      expect(stop.status).toBe(403)
      expect(JSON.parse(stop.body)).toMatchObject({ error: { code: 'HOST_NOT_ALLOWED' } })
      expect(await ledger.job('j').isStopped()).toBe(false)
      expect((await rawRequest(port, `evil.example:${port}`)).status).toBe(403)
      expect(
        (await rawRequest(port, `evil.example:${port}`, 'GET', '/api/live?key=job:j')).status,
      ).toBe(403)
      expect((await rawRequest(port, `localhost:${port}`)).status).toBe(200)
      expect((await rawRequest(port, `[::1]:${port}`)).status).toBe(200)
      expect((await rawRequest(port, `localhost:${port + 1}`)).status).toBe(403)
      expect((await rawRequest(port, `127.0.0.1:${port}`, 'POST', '/api/jobs/j/stop')).status).toBe(
        200,
      )
    } finally {
      await served.close()
      await ledger.close()
    }
  })
})
