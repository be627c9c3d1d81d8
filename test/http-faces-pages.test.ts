// The pages of the batches, statuses, groups and queues faces and the overview, rendered on
// the server through app.request(): every page answers, watches the right live keys, shows
// hostile user text escaped, and unknown ids answer a 404 page. Memory store (see
// http-faces-api.test.ts for why one store suffices).
import { describe, expect, it } from 'vitest'
import { dashboardOnMemory, SseReader } from './support/dashboard-fixture.js'
import { seedBatchedJob, seedGroup, seedQueue, stagesLedger } from './support/dashboard-seeds.js'

const XSS = '<img src=x onerror=alert(1)>'
const ESCAPED = '&lt;img src=x onerror=alert(1)&gt;'

async function html(response: Response): Promise<string> {
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toContain('text/html')
  return response.text()
}

describe('pages', () => {
  it('shows a job with batches: report counts, batches and errored items escaped', async () => {
    const { ledger, app } = dashboardOnMemory()
    await seedBatchedJob(ledger, 'import', XSS)
    const job = await html(await app.request('/jobs/import'))
    expect(job).toContain('data-field="report.batchesDone"')
    expect(job).toContain(`TypeError: ${ESCAPED}`)
    expect(job).not.toContain(XSS)
    const list = await html(await app.request('/jobs'))
    expect(list).toContain('data-field="report.errored"')
    const batches = await html(await app.request('/jobs/import/batches'))
    expect(batches).toMatch(
      /Batches: <span data-live="batches:[^"]+" data-field="batchesDone" data-state="1">1<\/span> done of/,
    )
    const errored = await html(await app.request('/jobs/import/outcomes/errored'))
    expect(errored).toContain(ESCAPED)
    expect(errored).not.toContain(XSS)
  })

  it('shows a status with its fields as text and watches status:<id>', async () => {
    const { ledger, app } = dashboardOnMemory()
    await ledger.status('s1').update({ status: 'working', total: 4, note: XSS, 'a.b': { n: 1 } })
    const page = await html(await app.request('/statuses/s1'))
    expect(page).toContain('data-live="status:s1"')
    expect(page).toContain(ESCAPED)
    expect(page).toContain('data-path="[&quot;fields&quot;,&quot;a.b&quot;]"')
    expect(page).not.toContain(XSS)
    expect(await html(await app.request('/statuses'))).toContain('href="/statuses/s1"')
  })

  it('shows group → stage → staged job with descriptions and messages escaped', async () => {
    const { options, payloads } = stagesLedger()
    const { ledger, app } = dashboardOnMemory({}, options)
    const id = await seedGroup(ledger, payloads, XSS, `</script><script>alert(2)</script>`)
    expect(await html(await app.request('/groups'))).toContain(ESCAPED)
    const group = await html(await app.request(`/groups/${id}`))
    expect(group).toContain(ESCAPED)
    expect(group).toContain(`href="/groups/${id}/stages/1"`)
    const stage = await html(await app.request(`/groups/${id}/stages/1`))
    expect(stage).toContain('&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;')
    const jobId = (await (await ledger.group(id)).stage(1).jobs())[0]!.id
    const job = await html(await app.request(`/groups/${id}/jobs/${jobId}`))
    expect(job).toContain('ImportFile')
    expect(job).not.toContain('<script>alert(2)')
  })

  it('shows a queue by state with retry only when not read-only', async () => {
    const readOnly = dashboardOnMemory()
    await seedQueue(readOnly.ledger, 'imports', XSS)
    const failed = await html(await readOnly.app.request('/queues/imports?state=failed'))
    expect(failed).toContain(ESCAPED)
    expect(failed).not.toContain('data-action')
    const writable = dashboardOnMemory({ readOnly: false }, { store: readOnly.ledger.store })
    const page = await html(await writable.app.request('/queues/imports?state=failed'))
    expect(page).toMatch(/data-action="\/api\/queues\/imports\/items\/[^"]+\/retry"/)
    // A row follows its item's live key, so a deleted item's row reads "deleted" without reload.
    expect(page).toMatch(/<tr data-item="[^"]+" data-live="queue-item:[^"]+">/)
    expect(page).toMatch(/data-field="state" data-state="failed" data-gone-text="deleted"/)
    expect(await html(await writable.app.request('/queues'))).toContain('data-live="queue:imports"')
  })

  it('counts every kind on the overview and draws the throughput chart with its axes', async () => {
    const { options, payloads } = stagesLedger()
    const { ledger, app } = dashboardOnMemory({}, options)
    await seedBatchedJob(ledger, 'import')
    await ledger.status('s1').update({ status: 'working' })
    await seedGroup(ledger, payloads, 'g')
    await seedQueue(ledger, 'imports')
    const page = await html(await app.request('/'))
    for (const key of ['jobs', 'statuses', 'groups', 'queues'])
      expect(page).toContain(`data-live="overview:${key}"`)
    expect(page).toContain('<path class="series items" d="" data-live="throughput:5m"')
    expect(page).toContain('data-live="throughput:5m" data-field="yTicks.2"')
  })

  it.each([
    '/jobs/ghost/batches',
    '/jobs/ghost/outcomes/errored',
    '/statuses/ghost',
    '/groups/ghost',
    '/groups/ghost/stages/1',
    '/queues/ghost',
  ])('answers a 404 page for %s', async (path) => {
    const { app } = dashboardOnMemory()
    const response = await app.request(path)
    expect(response.status).toBe(404)
    expect(await response.text()).toContain('NOT_FOUND')
  })
})

describe('live sources', () => {
  it('streams status, group, stage, queue and queue-item values as they change', async () => {
    const { options, payloads } = stagesLedger()
    const { ledger, app } = dashboardOnMemory({ live: { intervalMs: 50 } }, options)
    await ledger.status('s1').update({ status: 'working', total: 10 })
    const groupId = await seedGroup(ledger, payloads, 'g')
    const ids = await seedQueue(ledger, 'imports')
    const keys = [
      'status:s1',
      `group:${groupId}`,
      `stage:${JSON.stringify([groupId, 1])}`,
      'queue:imports',
      `queue-item:${JSON.stringify(['imports', ids.failed])}`,
      'throughput:settled',
    ]
    const query = new URLSearchParams(keys.map((key): [string, string] => ['key', key]))
    const reader = new SseReader(await app.request(`/api/live?${query}`))
    try {
      await reader.until('status:s1', (v) => v?.status === 'working')
      await ledger.status('s1').progress.set(5)
      const status = await reader.until('status:s1', (v) => v?.progress === 5)
      expect(status).toMatchObject({ bar: { value: 5, max: 10 }, ratio: 0.5 })
      const second = await ledger.stagedJob(payloads.shift())
      await second.run(() => undefined)
      const stage = await reader.until(
        `stage:${JSON.stringify([groupId, 1])}`,
        (v) => v?.status === 'complete',
      )
      expect(stage).toMatchObject({ done: 2, numJobs: 2 })
      await ledger.queue('imports').retry(ids.failed)
      const item = `queue-item:${JSON.stringify(['imports', ids.failed])}`
      const latest = new Map<string, Record<string, unknown> | null>()
      while (latest.get('queue:imports')?.failed !== 0 || latest.get(item)?.state !== 'waiting') {
        const event = await reader.next()
        if (event.event !== 'update') continue
        const update = JSON.parse(event.data) as {
          key: string
          value: Record<string, unknown> | null
        }
        latest.set(update.key, update.value)
      }
      expect(latest.get('queue:imports')).toMatchObject({ waiting: 2, failed: 0 })
    } finally {
      await reader.close()
    }
  })

  it.each([
    'stage:not-json',
    'stage:["g"]',
    'queue-item:["q"]',
    'queue-item:["q","has space"]',
    'throughput:other',
  ])('refuses the malformed key %s with 400', async (key) => {
    const { app } = dashboardOnMemory()
    const response = await app.request(`/api/live?key=${encodeURIComponent(key)}`)
    expect(response.status).toBe(400)
  })
})
