// The JSON API of the batches, statuses, groups and queues faces through app.request():
// shapes, paging, unknown ids (404), and the guards on every mutation (auth 401, read-only
// 403, JSON only 415). The routes read through the facades, which the conformance suite runs
// on both stores, so the memory store suffices here.
import { describe, expect, it } from 'vitest'
import { dashboardOnMemory } from './support/dashboard-fixture.js'
import {
  completeGroup,
  seedBatchedJob,
  seedCarriedGroup,
  seedGroup,
  seedQueue,
  stagesLedger,
} from './support/dashboard-seeds.js'
import { RecordingLogger } from './support/fault-tools.js'

const JSON_HEADERS = { 'Content-Type': 'application/json' }
const post = (body = '{}', headers: Record<string, string> = JSON_HEADERS) => ({
  method: 'POST',
  headers,
  body,
})

async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>
}

async function expectError(response: Response, status: number, code: string): Promise<void> {
  expect(response.status).toBe(status)
  expect(await response.json()).toMatchObject({ error: { code } })
}

describe('jobs with batches', () => {
  it('answers the report, the batches and the outcomes with their messages', async () => {
    const { ledger, app } = dashboardOnMemory()
    await seedBatchedJob(ledger, 'import')
    expect(await json(await app.request('/api/jobs/import/report'))).toEqual({
      items: 8,
      processed: 3,
      skipped: 1,
      errored: 1,
      missing: 1,
      batches: 2,
      batchesDone: 1,
      finished: false,
      stopped: false,
    })
    expect(await json(await app.request('/api/jobs/import/batches'))).toEqual({
      batches: 2,
      batchesDone: 1,
      items: [
        { index: 0, part: 'batch-0', state: 'settled' },
        { index: 1, part: 'batch-1', state: 'open' },
      ],
      cursor: null,
      links: { job: '/api/jobs/import' },
    })
    const errored = await json(await app.request('/api/jobs/import/outcomes/errored'))
    expect(errored).toEqual({
      entries: [{ batch: 0, id: '5', message: 'TypeError: price is not a number' }],
      cursor: null,
    })
    const missing = await json(await app.request('/api/jobs/import/outcomes/missing'))
    expect(missing.entries).toEqual([{ batch: 0, id: '6', message: null }])
  })

  it('pages batches and outcomes with the cursor it hands out', async () => {
    const { ledger, app } = dashboardOnMemory()
    const job = ledger.job('big')
    for (let i = 0; i < 5; i++) await job.addBatch([`${i}-a`, `${i}-b`])
    const seen: number[] = []
    let cursor: string | null = null
    do {
      const query = new URLSearchParams({ limit: '2', ...(cursor ? { cursor } : {}) })
      const page = (await json(await app.request(`/api/jobs/big/batches?${query}`))) as {
        items: { index: number }[]
        cursor: string | null
      }
      expect(page.items.length).toBeLessThanOrEqual(2)
      seen.push(...page.items.map((item) => item.index))
      cursor = page.cursor
    } while (cursor !== null)
    expect(seen).toEqual([0, 1, 2, 3, 4])

    for (let i = 0; i < 5; i++) {
      await ledger
        .tracker({ job: 'big', batch: i })
        .eachRecord((id) => (id.endsWith('a') ? 'skipped' : undefined))
    }
    const skipped: string[] = []
    cursor = null
    do {
      const query = new URLSearchParams({ limit: '2', ...(cursor ? { cursor } : {}) })
      const page = (await json(await app.request(`/api/jobs/big/outcomes/skipped?${query}`))) as {
        entries: { id: string }[]
        cursor: string | null
      }
      skipped.push(...page.entries.map((entry) => entry.id))
      cursor = page.cursor
    } while (cursor !== null)
    expect(skipped.sort()).toEqual(['0-a', '1-a', '2-a', '3-a', '4-a'])
  })

  it.each([
    '/api/jobs/ghost/report',
    '/api/jobs/ghost/batches',
    '/api/jobs/ghost/outcomes/errored',
  ])('answers 404 for an unknown job at %s', async (path) => {
    const { app } = dashboardOnMemory()
    await expectError(await app.request(path), 404, 'NOT_FOUND')
  })

  it.each([
    ['/api/jobs/import/outcomes/lost', 'an unknown outcome kind'],
    ['/api/jobs/import/outcomes/errored?limit=0', 'a limit below 1'],
    ['/api/jobs/import/outcomes/errored?cursor=abc', 'a foreign cursor'],
    ['/api/jobs/import/batches?cursor=-1', 'a negative batch cursor'],
    ['/api/jobs/import/batches?limit=5000', 'a limit above 1000'],
  ])('answers 400 for %s (%s)', async (path) => {
    const { ledger, app } = dashboardOnMemory()
    await seedBatchedJob(ledger, 'import')
    await expectError(await app.request(path), 400, 'INVALID_ARGUMENT')
  })
})

describe('statuses', () => {
  it('answers exactly the toJSON() shape of the snapshot', async () => {
    const { ledger, app } = dashboardOnMemory()
    await ledger.status('export-7').update({ status: 'working', total: 200, step: 'upload' })
    await ledger.status('export-7').progress.set(50)
    const body = await json(await app.request('/api/statuses/export-7'))
    const snap = await ledger.getStatus('export-7')
    expect(body).toEqual(JSON.parse(JSON.stringify(snap)))
    expect(body).toEqual({ status: 'working', progress: 50, total: 200, step: 'upload' })
  })

  it('answers 404 for an unknown status and 400 for an id the ledger refuses', async () => {
    const { app } = dashboardOnMemory()
    await expectError(await app.request('/api/statuses/ghost'), 404, 'NOT_FOUND')
    await expectError(
      await app.request(`/api/statuses/${encodeURIComponent('a b')}`),
      400,
      'INVALID_ARGUMENT',
    )
  })

  it('lists statuses through /api/units with paging', async () => {
    const { ledger, app } = dashboardOnMemory()
    for (const id of ['s1', 's2', 's3']) await ledger.status(id).update({ status: 'queued' })
    const first = (await json(await app.request('/api/units?kind=status&limit=2'))) as {
      items: { id: string; summary: { status: string } }[]
      cursor: string
    }
    expect(first.items).toHaveLength(2)
    expect(first.items[0]?.summary.status).toBe('queued')
    const rest = (await json(
      await app.request(`/api/units?kind=status&limit=2&cursor=${first.cursor}`),
    )) as { items: unknown[]; cursor: null }
    expect(rest.items).toHaveLength(1)
    expect(rest.cursor).toBeNull()
  })
})

describe('groups', () => {
  it('answers the group with its stages, a stage with its jobs and a staged job', async () => {
    const { options, payloads } = stagesLedger()
    const { ledger, app } = dashboardOnMemory({}, options)
    const id = await seedGroup(ledger, payloads, 'nightly import')
    const group = await json(await app.request(`/api/groups/${id}`))
    expect(group).toMatchObject({ id, description: 'nightly import', completedAt: null })
    expect(group.stages).toMatchObject([
      { number: 1, status: 'running', numJobs: 2, open: 1, successful: 1, failed: 0 },
      { number: 2, status: 'pending', numJobs: 1, open: 1, successful: 0, failed: 0 },
    ])
    const stage = (await json(await app.request(`/api/groups/${id}/stages/1`))) as {
      jobs: { id: string; status: string; statusMessage: string | null }[]
    }
    expect(stage.jobs.map((job) => [job.status, job.statusMessage])).toEqual([
      ['successful', 'row 40 of 100'],
      ['queued', null],
    ])
    const jobId = stage.jobs[0]!.id
    expect(await json(await app.request(`/api/groups/${id}/jobs/${jobId}`))).toMatchObject({
      id: jobId,
      name: 'ImportFile',
      args: ['a.csv'],
      status: 'successful',
      statusMessage: 'row 40 of 100',
    })
  })

  it.each([
    ['/api/groups/ghost', 'an unknown group'],
    ['/api/groups/{id}/stages/9', 'an unknown stage'],
    ['/api/groups/{id}/jobs/ghost', 'an unknown staged job'],
  ])('answers 404 for %s (%s)', async (path) => {
    const { options, payloads } = stagesLedger()
    const { ledger, app } = dashboardOnMemory({}, options)
    const id = await seedGroup(ledger, payloads, 'g')
    await expectError(await app.request(path.replace('{id}', id)), 404, 'NOT_FOUND')
  })

  it('deletes a completed group, refuses a running one (409) and changes nothing', async () => {
    const { options, payloads } = stagesLedger()
    const { ledger, app } = dashboardOnMemory({ readOnly: false }, options)
    const id = await seedGroup(ledger, payloads, 'g')
    await expectError(
      await app.request(`/api/groups/${id}/delete`, post()),
      409,
      'INVALID_TRANSITION',
    )
    expect((await ledger.group(id)).id).toBe(id)
    await completeGroup(ledger, payloads)
    expect((await ledger.group(id).then((g) => g.record())).completedAt).not.toBeNull()
    const response = await app.request(`/api/groups/${id}/delete`, post())
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ id, deleted: true })
    await expect(ledger.group(id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expectError(await app.request(`/api/groups/${id}/delete`, post()), 404, 'NOT_FOUND')
  })

  it('refuses delete when read-only (403) and without JSON (415)', async () => {
    const { options, payloads } = stagesLedger()
    const readOnly = dashboardOnMemory({}, options)
    const id = await seedGroup(readOnly.ledger, payloads, 'g')
    await completeGroup(readOnly.ledger, payloads)
    await expectError(
      await readOnly.app.request(`/api/groups/${id}/delete`, post()),
      403,
      'READ_ONLY',
    )
    const writable = dashboardOnMemory({ readOnly: false }, { store: readOnly.ledger.store })
    await expectError(
      await writable.app.request(
        `/api/groups/${id}/delete`,
        post('x', { 'Content-Type': 'text/plain' }),
      ),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    )
    expect((await readOnly.ledger.group(id)).id).toBe(id)
  })
})

describe('queues', () => {
  it('answers counts, items by state (paged) and one item', async () => {
    const { ledger, app } = dashboardOnMemory()
    const ids = await seedQueue(ledger, 'imports')
    for (let i = 0; i < 4; i++) await ledger.queue('imports').createAndPush({ n: i })
    expect(await json(await app.request('/api/queues/imports'))).toMatchObject({
      name: 'imports',
      counts: { waiting: 5, running: 0, finished: 1, failed: 1 },
    })
    const failed = (await json(await app.request('/api/queues/imports/items?state=failed'))) as {
      items: { id: string; errors: unknown[] }[]
    }
    expect(failed.items.map((item) => [item.id, item.errors])).toEqual([
      [ids.failed, ['disk full']],
    ])
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const query = new URLSearchParams({
        state: 'waiting',
        limit: '2',
        ...(cursor ? { cursor } : {}),
      })
      const page = (await json(await app.request(`/api/queues/imports/items?${query}`))) as {
        items: { id: string }[]
        cursor: string | null
      }
      expect(page.items.length).toBeLessThanOrEqual(2)
      seen.push(...page.items.map((item) => item.id))
      cursor = page.cursor
    } while (cursor !== null)
    expect(seen).toHaveLength(5)
    expect(seen[0]).toBe(ids.waiting)
    expect(
      await json(await app.request(`/api/queues/imports/items/${ids.finished}`)),
    ).toMatchObject({ id: ids.finished, state: 'finished', result: { rows: 10 } })
  })

  it('retries a failed item and deletes another when not read-only, auditing both', async () => {
    const logger = new RecordingLogger()
    const { ledger, app } = dashboardOnMemory({ readOnly: false }, { logger })
    const ids = await seedQueue(ledger, 'imports')
    const retried = await app.request(`/api/queues/imports/items/${ids.failed}/retry`, post())
    expect(retried.status).toBe(200)
    expect(await retried.json()).toMatchObject({ id: ids.failed, state: 'waiting', attempts: 0 })
    const deleted = await app.request(`/api/queues/imports/items/${ids.finished}/delete`, post())
    expect(await deleted.json()).toEqual({ queue: 'imports', id: ids.finished, deleted: true })
    expect(await ledger.queue('imports').counts()).toEqual({
      waiting: 2,
      running: 0,
      finished: 0,
      failed: 0,
    })
    const audited = logger.entries.filter((entry) => entry.level === 'info').map((e) => e.context)
    expect(audited).toEqual([
      { action: 'retry', unit: 'queue:imports', by: 'dashboard', item: ids.failed },
      { action: 'delete', unit: 'queue:imports', by: 'dashboard', item: ids.finished },
    ])
  })

  it('refuses to retry a waiting item (409) and changes nothing', async () => {
    const { ledger, app } = dashboardOnMemory({ readOnly: false })
    const ids = await seedQueue(ledger, 'imports')
    await expectError(
      await app.request(`/api/queues/imports/items/${ids.waiting}/retry`, post()),
      409,
      'INVALID_TRANSITION',
    )
    expect((await ledger.queue('imports').get(ids.waiting)).state).toBe('waiting')
  })

  it.each(['retry', 'delete'])(
    'refuses %s when read-only (403) and without JSON (415)',
    async (verb) => {
      const readOnly = dashboardOnMemory()
      const ids = await seedQueue(readOnly.ledger, 'imports')
      const path = `/api/queues/imports/items/${ids.failed}/${verb}`
      await expectError(await readOnly.app.request(path, post()), 403, 'READ_ONLY')
      const writable = dashboardOnMemory({ readOnly: false }, { store: readOnly.ledger.store })
      await expectError(
        await writable.app.request(path, post('{}', { 'Content-Type': 'text/plain' })),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      )
      expect((await readOnly.ledger.queue('imports').get(ids.failed)).state).toBe('failed')
    },
  )

  it.each([
    ['GET', '/api/queues/ghost'],
    ['GET', '/api/queues/ghost/items?state=failed'],
    ['GET', '/api/queues/imports/items/ghost'],
    ['POST', '/api/queues/imports/items/ghost/retry'],
    ['POST', '/api/queues/imports/items/ghost/delete'],
  ])('answers 404 for %s %s', async (method, path) => {
    const { ledger, app } = dashboardOnMemory({ readOnly: false })
    await seedQueue(ledger, 'imports')
    const init = method === 'POST' ? post() : {}
    await expectError(await app.request(path, init), 404, 'NOT_FOUND')
  })

  it('answers 400 for an unknown state', async () => {
    const { ledger, app } = dashboardOnMemory()
    await seedQueue(ledger, 'imports')
    await expectError(
      await app.request('/api/queues/imports/items?state=lost'),
      400,
      'INVALID_ARGUMENT',
    )
  })
})

describe('auth on every new route', () => {
  it.each([
    ['GET', '/api/jobs/import/report'],
    ['GET', '/api/jobs/import/batches'],
    ['GET', '/api/jobs/import/outcomes/errored'],
    ['GET', '/api/statuses/s'],
    ['GET', '/api/groups/g'],
    ['GET', '/api/groups/g/stages/1'],
    ['GET', '/api/groups/g/jobs/j'],
    ['POST', '/api/groups/g/delete'],
    ['GET', '/api/queues/q'],
    ['GET', '/api/queues/q/items'],
    ['GET', '/api/queues/q/items/i'],
    ['POST', '/api/queues/q/items/i/retry'],
    ['POST', '/api/queues/q/items/i/delete'],
    ['GET', '/statuses'],
    ['GET', '/groups'],
    ['GET', '/queues'],
    ['GET', '/jobs/import/batches'],
  ])('%s %s needs credentials', async (method, path) => {
    const { app } = dashboardOnMemory({ readOnly: false, auth: { bearer: 'secret' } })
    const init = method === 'POST' ? post() : {}
    await expectError(await app.request(path, init), 401, 'UNAUTHORIZED')
    const allowed = await app.request(path, {
      ...init,
      headers: { ...JSON_HEADERS, Authorization: 'Bearer secret' },
    })
    expect(allowed.status).not.toBe(401)
  })
})

describe('links between units', () => {
  async function follow(
    app: { request(path: string): Response | Promise<Response> },
    path: string,
  ) {
    const response = await app.request(path)
    expect(response.status, path).toBe(200)
    return json(response)
  }

  it('links a group, its stages, a staged job and the queue item that carried it, both ways', async () => {
    const { options, payloads } = stagesLedger()
    const { ledger, app } = dashboardOnMemory({}, options)
    const { groupId, jobId, itemId, statusId } = await seedCarriedGroup(ledger, payloads)
    const group = await follow(app, `/api/groups/${groupId}`)
    const stageLink = `/api/groups/${groupId}/stages/1`
    expect(group.links).toEqual({ stages: [stageLink, `/api/groups/${groupId}/stages/2`] })
    const stage = await follow(app, stageLink)
    const jobLink = `/api/groups/${groupId}/jobs/${jobId}`
    expect(stage.links).toMatchObject({ group: `/api/groups/${groupId}` })
    expect((stage.links as { jobs: string[] }).jobs).toContain(jobLink)
    const itemLink = `/api/queues/work/items/${itemId}`
    const job = await follow(app, jobLink)
    expect(job).toMatchObject({ carrier: { queue: 'work', id: itemId } })
    expect(job.links).toEqual({
      group: `/api/groups/${groupId}`,
      stage: stageLink,
      carrier: itemLink,
    })
    const item = await follow(app, itemLink)
    expect(item).toMatchObject({
      state: 'finished',
      carries: { kind: 'staged-job', groupId, stage: 1, jobId },
    })
    const statusLink = `/api/statuses/${encodeURIComponent(statusId)}`
    expect(item.links).toEqual({
      queue: '/api/queues/work',
      stagedJob: jobLink,
      stage: stageLink,
      group: `/api/groups/${groupId}`,
      status: statusLink,
    })
    for (const link of Object.values(item.links as Record<string, string>)) await follow(app, link)
    const status = await app.request(statusLink)
    expect(status.headers.get('Link')).toBe(`<${itemLink}>; rel="subject"`)
    expect(await status.json()).toEqual({ status: 'completed', progress: 100, total: 100 })
  })

  it('gives an unstarted staged job no carrier and an item with other data no carries', async () => {
    const { options, payloads } = stagesLedger()
    const { ledger, app } = dashboardOnMemory({}, options)
    const { groupId } = await seedCarriedGroup(ledger, payloads)
    const waiting = (await ledger.group(groupId)).stage(1)
    const unstarted = (await waiting.jobs()).find((job) => job.status === 'queued')
    const job = await follow(app, `/api/groups/${groupId}/jobs/${unstarted?.id}`)
    expect(job).toMatchObject({ carrier: null, links: { carrier: null } })
    const ids = await seedQueue(ledger, 'imports')
    const item = await follow(app, `/api/queues/imports/items/${ids.waiting}`)
    expect(item).toMatchObject({
      carries: null,
      links: { queue: '/api/queues/imports', status: null },
    })
    await ledger.status('plain').update({ status: 'working' })
    expect((await app.request('/api/statuses/plain')).headers.get('Link')).toBeNull()
  })

  it('links a job to its batches and the batches back to the job', async () => {
    const { ledger, app } = dashboardOnMemory()
    await seedBatchedJob(ledger, 'import')
    const job = await follow(app, '/api/jobs/import')
    expect(job.links).toEqual({
      batches: '/api/jobs/import/batches',
      callbacks: '/api/jobs/import/callbacks',
    })
    const batches = await follow(app, '/api/jobs/import/batches')
    expect(batches.links).toEqual({ job: '/api/jobs/import' })
  })

  it('lists the callbacks of a job with where each dispatch is, on its page and in the API', async () => {
    const { options, payloads } = stagesLedger()
    const { ledger, app } = dashboardOnMemory({}, options)
    const job = ledger.job('nightly')
    await job.push('a')
    await job.on('settled', { name: 'summary', args: [{ to: 'ops' }] })
    await job.on('failed', { name: 'page-oncall', args: [] })
    expect(await follow(app, '/api/jobs/nightly/callbacks')).toEqual({
      callbacks: [
        {
          scope: '',
          signal: 'settled',
          callbacks: [{ name: 'summary', args: [{ to: 'ops' }] }],
          due: [],
        },
        { scope: '', signal: 'failed', callbacks: [{ name: 'page-oncall', args: [] }], due: [] },
      ],
      links: { job: '/api/jobs/nightly' },
    })
    const page = await (await app.request('/jobs/nightly')).text()
    expect(page).toContain('<h2>Callbacks</h2>')
    expect(page).toContain('waits for settled')
    await job.close()
    await job.done('a')
    await expect.poll(() => payloads).toMatchObject([{ type: 'callback', name: 'summary' }])
    await expect
      .poll(async () => (await app.request('/jobs/nightly')).text())
      .toMatch(/summary<\/td>.*dispatched.*page-oncall<\/td>.*waits for failed/s)
    const missing = await app.request('/api/jobs/ghost/callbacks')
    expect(missing.status).toBe(404)
  })
})
