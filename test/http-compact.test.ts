// The dashboard's reads of a job and a group whose details expired: the JSON API and the
// pages answer their compact summaries, marked as such. Memory store with a manual clock
// (the same readers run on Redis: the facades are covered by the conformance suite).
import { describe, expect, it } from 'vitest'
import { isCallbackPayload, ManualClock, type StagedJobPayload } from '../src/index.js'
import { dashboardOnMemory } from './support/dashboard-fixture.js'

const SECOND = 1_000

type Listed = { items: unknown[] }

async function seedExpired() {
  const clock = new ManualClock(1_700_000_000_000)
  const payloads: StagedJobPayload[] = []
  const { ledger, app } = dashboardOnMemory(
    {},
    {
      clock,
      keepCompletedMs: 0,
      dispatch: (payload) => {
        if (!isCallbackPayload(payload)) payloads.push(payload)
      },
    },
  )
  const job = ledger.job('nightly', { ttlMs: SECOND, summaryTtlMs: 60 * SECOND })
  await job.push('a', 'b')
  await job.close()
  await job.done('a')
  await job.fail('b', 'disk full')
  const group = await ledger.withinGrouping(
    { description: 'import', ttlMs: 60 * SECOND, summaryTtlMs: 60 * SECOND },
    (g) => g.stage(1).enqueue('A', []),
  )
  for (const payload of payloads.splice(0)) await (await ledger.stagedJob(payload)).run(() => {})
  clock.advance(2 * SECOND)
  return { app, ledger, clock, token: job.token, groupId: group.id }
}

describe('dashboard reads of expired details', () => {
  it('answers the compact summaries on /api/units, /api/jobs/:token and /api/groups/:id', async () => {
    const { app, token, groupId } = await seedExpired()
    const jobs = (await (await app.request('/api/units?kind=job')).json()) as Listed
    expect(jobs.items).toMatchObject([
      { id: token, summary: { compact: true, state: 'finished', failed: 1 } },
    ])
    const groups = (await (await app.request('/api/units?kind=group')).json()) as Listed
    expect(groups.items).toMatchObject([
      { id: groupId, summary: { compact: true, state: 'succeeded', stages: [] } },
    ])
    const job = await app.request(`/api/jobs/${token}`)
    expect(job.status).toBe(200)
    expect(await job.json()).toMatchObject({ token, compact: true, outcome: 'failed' })
    const group = await app.request(`/api/groups/${groupId}`)
    expect(group.status).toBe(200)
    expect(await group.json()).toMatchObject({ id: groupId, compact: true, stages: [] })
  })

  it('marks the compact summaries on the job and group pages and lists', async () => {
    const { app, token, groupId } = await seedExpired()
    const note = /Details expired: this is the (job|group)(&#39;|')s compact summary/
    for (const path of [`/jobs/${token}`, `/groups/${groupId}`]) {
      const page = await app.request(path)
      expect(page.status, path).toBe(200)
      expect(await page.text(), path).toMatch(note)
    }
    for (const path of ['/jobs', '/groups']) {
      const page = await (await app.request(path)).text()
      expect(page, path).toContain('(compact summary)')
    }
    const groupPage = await (await app.request(`/groups/${groupId}`)).text()
    expect(groupPage).toMatch(/1<\/span> settled of <span[^>]*>1</)
  })

  it('answers 404 once the compact summaries are gone too', async () => {
    const { app, clock, token, groupId } = await seedExpired()
    clock.advance(60 * SECOND)
    expect((await app.request(`/api/jobs/${token}`)).status).toBe(404)
    expect((await app.request(`/api/groups/${groupId}`)).status).toBe(404)
    const listed = (await (await app.request('/api/units?kind=job')).json()) as Listed
    expect(listed.items).toEqual([])
  })
})
