// Search on the dashboard: GET /api/units filters and the list pages' search form. The filters
// themselves are conformance cases on every store; this checks the HTTP edge passes them on.
import { describe, expect, it } from 'vitest'
import { ManualClock } from '../src/domain/clock.js'
import { dashboardOnMemory } from './support/dashboard-fixture.js'

type Page = { items: { id: string; name: string | null }[]; cursor: string | null }

async function seed() {
  const clock = new ManualClock(Date.parse('2026-11-30T12:00:00Z'))
  const { ledger, app } = dashboardOnMemory({}, { clock })
  for (const [token, name] of [
    ['n1', 'Nightly import'],
    ['h1', 'Hourly sync'],
    ['n2', 'nightly export'],
  ] as const) {
    await ledger.job(token, { name, ttlMs: 30 * 86_400_000 }).push('a')
    clock.advance(86_400_000)
  }
  const failed = ledger.job('f1', { name: 'Nightly fix' })
  await failed.push('a')
  await failed.close()
  await failed.fail('a', 'broken')
  return { ledger, app }
}

describe('GET /api/units search', () => {
  it('filters by name prefix, state, creation dates and order', async () => {
    const { app } = await seed()
    const ids = async (query: string) => {
      const response = await app.request(`/api/units?kind=job&${query}`)
      expect(response.status).toBe(200)
      return ((await response.json()) as Page).items.map((item) => item.id)
    }
    expect(await ids('name=NIGHTLY')).toEqual(['f1', 'n2', 'n1'])
    expect(await ids('name=nightly&order=oldest')).toEqual(['n1', 'n2', 'f1'])
    expect(await ids('state=failed')).toEqual(['f1'])
    expect(await ids('from=2026-12-01&to=2026-12-01')).toEqual(['h1'])
    expect(await ids('to=2026-12-01T00:00Z')).toEqual(['n1'])
  })

  it.each([
    ['from=yesterday', 'a time that is neither ms nor ISO'],
    ['order=up', 'an unknown order'],
    ['state=working', 'a state jobs do not have'],
  ])('answers 400 INVALID_ARGUMENT for %s (%s)', async (query) => {
    const { app } = await seed()
    const response = await app.request(`/api/units?kind=job&${query}`)
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ error: { code: 'INVALID_ARGUMENT' } })
  })
})

describe('list page search', () => {
  it('narrows the jobs page, keeps the search in the form and the next link', async () => {
    const { app } = await seed()
    const html = await (await app.request('/jobs?name=night&state=open')).text()
    expect(html).toContain('value="night"')
    expect(html).toMatch(/<option value="open" selected/)
    expect(html).toContain('Nightly import')
    expect(html).not.toContain('Hourly sync')
    expect(html).not.toContain('Nightly fix')
    expect(html).not.toContain('Newer jobs arrived')
  })

  it('says when nothing matches, and shows names on every list', async () => {
    const { ledger, app } = await seed()
    expect(await (await app.request('/jobs?name=weekly')).text()).toContain(
      'No live jobs match this search.',
    )
    await ledger.status('s1', { name: 'Export report' }).update({ step: 1 })
    await ledger.queue('q1', { name: 'Mail out' }).createAndPush(1)
    expect(await (await app.request('/statuses?name=export')).text()).toContain('Export report')
    expect(await (await app.request('/queues?name=mail')).text()).toContain('Mail out')
    expect(await (await app.request('/statuses/s1')).text()).toContain('Export report')
  })

  it('pages a search with its fields kept in the next link', async () => {
    const { ledger, app } = dashboardOnMemory()
    for (let i = 0; i < 55; i++) await ledger.job(`t${i}`, { name: 'Many' }).push('a')
    const html = await (await app.request('/jobs?name=many')).text()
    const next = /<a class="next" href="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&')
    expect(next).toMatch(/name=many/)
    const rest = await (await app.request(next!)).text()
    expect(rest.match(/class="unit-name"/g)?.length).toBe(5)
  })
})
