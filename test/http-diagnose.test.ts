// GET /api/diagnose/:id: the dashboard's view of ledger.diagnose. The findings themselves are
// conformance cases (src/testing/conformance/diagnose.ts); this checks the route on one store.
import { describe, expect, it } from 'vitest'
import { dashboardOnMemory } from './support/dashboard-fixture.js'

describe('GET /api/diagnose/:id', () => {
  it('answers the diagnosis of a job with open parts', async () => {
    const { ledger, app } = dashboardOnMemory()
    const job = ledger.job('nightly')
    await job.push('a', 'b')
    await job.close()
    const response = await app.request('/api/diagnose/nightly')
    expect(response.status).toBe(200)
    const body = (await response.json()) as {
      kind: string
      healthy: boolean
      findings: { code: string }[]
    }
    expect(body).toMatchObject({ id: 'nightly', kind: 'job', healthy: false })
    expect(body.findings.map((f) => f.code)).toEqual(['open_parts'])
  })

  it('answers 404 for an unknown id and 400 for a bad kind', async () => {
    const { app } = dashboardOnMemory()
    expect((await app.request('/api/diagnose/nothing')).status).toBe(404)
    expect((await app.request('/api/diagnose/x?kind=planet')).status).toBe(400)
  })
})
