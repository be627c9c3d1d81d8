// The dashboard's pages and its frame: auth, security headers with a per-response nonce,
// escaping of user text, mounting under a base path. Through app.request() on the memory store.
import { describe, expect, it } from 'vitest'
import { createDashboard } from '../src/dashboard.js'
import { createLedger, isJobledgerError } from '../src/index.js'
import { dashboardOnMemory, seedJob } from './support/dashboard-fixture.js'

const XSS = '<img src=x onerror=alert(1)>'

describe('auth', () => {
  it('asks for Basic credentials and lets the right ones through', async () => {
    const { app } = dashboardOnMemory({ auth: { basic: { username: 'ops', password: 's3cret' } } })
    const none = await app.request('/api/units?kind=job')
    expect(none.status).toBe(401)
    expect(none.headers.get('www-authenticate')).toContain('Basic')
    expect(await none.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } })
    const wrong = await app.request('/', {
      headers: { Authorization: `Basic ${btoa('ops:nope')}` },
    })
    expect(wrong.status).toBe(401)
    const right = await app.request('/', {
      headers: { Authorization: `Basic ${btoa('ops:s3cret')}` },
    })
    expect(right.status).toBe(200)
  })

  it('accepts any of the bearer tokens and nothing else', async () => {
    const { app } = dashboardOnMemory({ auth: { bearer: ['t1', 't2'] } })
    expect((await app.request('/api/units?kind=job')).status).toBe(401)
    expect(
      (await app.request('/api/units?kind=job', { headers: { Authorization: 'Bearer t3' } }))
        .status,
    ).toBe(401)
    expect(
      (await app.request('/api/units?kind=job', { headers: { Authorization: 'Bearer t2' } }))
        .status,
    ).toBe(200)
  })

  it('asks the authorize hook for every request, assets and live stream included', async () => {
    const seen: string[] = []
    const { app } = dashboardOnMemory({
      auth: {
        authorize: (request) => {
          seen.push(new URL(request.url).pathname)
          return request.headers.get('x-user') === 'ops'
        },
      },
    })
    for (const path of ['/', '/jobs', '/assets/dashboard.js', '/api/live?key=job:a']) {
      expect((await app.request(path)).status).toBe(401)
    }
    expect((await app.request('/jobs', { headers: { 'x-user': 'ops' } })).status).toBe(200)
    expect(seen).toContain('/api/live')
  })

  it.each([
    [{ basic: { username: '', password: 'x' } }],
    [{ bearer: '' }],
    [{ bearer: [] }],
    [{ authorize: 'yes' }],
    [{ basic: { username: 'a', password: 'b' }, bearer: 't' }],
  ])('refuses a malformed auth option %j at creation', (auth) => {
    const ledger = createLedger()
    try {
      expect(() => createDashboard(ledger, { auth: auth as never })).toThrow(/auth/)
    } finally {
      void ledger.close()
    }
  })
})

describe('security headers', () => {
  it('sends a strict CSP whose nonce is on the one script tag and differs per response', async () => {
    const { app } = dashboardOnMemory()
    const nonces: string[] = []
    for (let i = 0; i < 2; i++) {
      const response = await app.request('/')
      const csp = response.headers.get('content-security-policy') ?? ''
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
      expect(nonce).toBeTruthy()
      expect(csp).toContain("default-src 'none'")
      expect(csp).not.toContain('unsafe-inline')
      const html = await response.text()
      const scripts = html.match(/<script[^>]*>/g) ?? []
      expect(scripts).toEqual([`<script nonce="${nonce}" src="/assets/dashboard.js">`])
      nonces.push(nonce!)
      expect(response.headers.get('x-frame-options')).toBe('DENY')
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    }
    expect(nonces[0]).not.toBe(nonces[1])
  })
})

describe('pages', () => {
  it('shows counts by state on the overview', async () => {
    const { ledger, app } = dashboardOnMemory()
    await seedJob(ledger, 'a', 2, 2)
    await seedJob(ledger, 'b', 2, 1)
    await ledger.job('c').push('x')
    const html = await (await app.request('/')).text()
    // Finished jobs read by outcome, closed ones as running: the names users expect.
    expect(html).toContain('data-field="byState.succeeded" data-state="1"')
    expect(html).toContain('data-field="byState.running" data-state="1"')
    expect(html).toContain('data-field="byState.open" data-state="1"')
    expect(html).toContain('data-field="total" data-state="3"')
    expect(html).toContain('data-live="overview:jobs"')
  })

  it('lists jobs with progress and links each to its page, with a link to older jobs', async () => {
    const { ledger, app } = dashboardOnMemory()
    for (let i = 0; i < 51; i++) await seedJob(ledger, `job-${i}`, 4, 1)
    const html = await (await app.request('/jobs')).text()
    expect(html.match(/<progress /g)).toHaveLength(50)
    expect(html).toContain('href="/jobs/job-50"')
    const older = /href="(\/jobs\?cursor=[^"]+)"/.exec(html)?.[1]
    expect(older).toBeTruthy()
    const next = await (await app.request(older!.replaceAll('&amp;', '&'))).text()
    expect(next.match(/<progress /g)).toHaveLength(1)
  })

  it('shows a job with its failures and, when not read-only, a stop form', async () => {
    const { ledger, app } = dashboardOnMemory({ readOnly: false })
    await seedJob(ledger, 'j', 3)
    await ledger.job('j').fail(1, 'disk full')
    const html = await (await app.request('/jobs/j')).text()
    expect(html).toContain('disk full')
    expect(html).toContain('data-action="/api/jobs/j/stop"')
    const readOnly = dashboardOnMemory()
    await seedJob(readOnly.ledger, 'j', 3)
    expect(await (await readOnly.app.request('/jobs/j')).text()).not.toContain('data-action')
  })

  it('shows the first 100 failures on the job page and links to the next page of them', async () => {
    const { ledger, app } = dashboardOnMemory()
    await seedJob(ledger, 'big', 130)
    for (let part = 0; part < 130; part++) await ledger.job('big').fail(part, `bad row ${part}`)
    const html = await (await app.request('/jobs/big')).text()
    const failures = html.slice(html.indexOf('<section class="failures">'))
    expect(failures).toContain('data-field="failed" data-state="130">130</span>)')
    expect(failures.match(/<td class="reason">/g)).toHaveLength(100)
    const more = /href="(\/jobs\/big\/failures\?cursor=[^"]+)"/.exec(html)?.[1]
    expect(more).toBeTruthy()
    const next = await (await app.request(more!.replaceAll('&amp;', '&'))).text()
    expect(next.match(/<td class="reason">/g)).toHaveLength(30)
    expect(next).toContain('bad row 129')
    expect(next).not.toContain('/jobs/big/failures?cursor=')
    expect((await app.request('/jobs/big/failures?cursor=zzz')).status).toBe(400)
    expect((await app.request('/jobs/ghost/failures')).status).toBe(404)
  })

  it('answers an HTML 404 page for an unknown job and a 400 page for a bad cursor', async () => {
    const { app } = dashboardOnMemory()
    const missing = await app.request('/jobs/ghost')
    expect(missing.status).toBe(404)
    expect(missing.headers.get('content-type')).toContain('text/html')
    expect(await missing.text()).toContain('Job ghost does not exist')
    expect((await app.request('/jobs?cursor=zzz')).status).toBe(400)
    expect((await app.request('/no/such/page')).status).toBe(404)
  })

  it('renders user text as text: tokens, failure and stop reasons are escaped', async () => {
    const { ledger, app } = dashboardOnMemory()
    const token = '</script><script>alert(1)</script>'
    await seedJob(ledger, token, 2)
    await ledger.job(token).fail(0, XSS)
    await ledger.job(token).stop({ reason: `javascript:alert(1) ${XSS}` })
    for (const path of ['/jobs', `/jobs/${encodeURIComponent(token)}`]) {
      const html = await (await app.request(path)).text()
      expect(html).not.toContain('<img')
      expect(html).not.toContain('<script>alert')
      expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;')
    }
    const jobPage = await (await app.request(`/jobs/${encodeURIComponent(token)}`)).text()
    expect(jobPage).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(jobPage).not.toMatch(/href="javascript:/)
  })
})

describe('basePath', () => {
  it('serves pages, assets and API under the base path, with links that keep it', async () => {
    const { ledger, app } = dashboardOnMemory({ basePath: '/admin/jobs/' })
    await seedJob(ledger, 'j', 1)
    const html = await (await app.request('/admin/jobs/jobs')).text()
    expect(html).toContain('href="/admin/jobs/jobs/j"')
    expect(html).toContain('src="/admin/jobs/assets/dashboard.js"')
    expect((await app.request('/admin/jobs/api/jobs/j')).status).toBe(200)
    expect((await app.request('/admin/jobs/assets/dashboard.css')).status).toBe(200)
    expect((await app.request('/api/jobs/j')).status).toBe(404)
  })

  it.each(['admin', '/a b', '/../x', '/x/<y>'])('refuses the base path %j', (basePath) => {
    const ledger = createLedger()
    try {
      createDashboard(ledger, { basePath })
      expect.unreachable()
    } catch (error) {
      expect(isJobledgerError(error) && error.code).toBe('INVALID_ARGUMENT')
    } finally {
      void ledger.close()
    }
  })
})
