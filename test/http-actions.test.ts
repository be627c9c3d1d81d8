// The JSON API behind the dashboard's operations: retrying every failed item and cleaning by
// age (counted first with GET, then POST), a job's failures grouped by reason, throughput
// history and the new live keys; refusals (read-only 403, bad input 400 changing nothing,
// unknown queue 404). Through app.request() on the memory store: the bulk actions run on every
// store in the conformance suite (queue-bulk.ts), the routes only translate HTTP.
import { describe, expect, it } from 'vitest'
import type { FailureReasons } from '../src/http/routes/failure-reasons.js'
import type { Ledger } from '../src/index.js'
import { dashboardOnMemory, SseReader, seedJob } from './support/dashboard-fixture.js'
import { seedBatchedJob } from './support/dashboard-seeds.js'

const post = (body: unknown) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
})

async function body<T = FailureReasons & { range: string; points: unknown[] }>(
  response: Response,
): Promise<T> {
  return (await response.json()) as T
}

async function failItems(ledger: Ledger, name: string, count: number): Promise<void> {
  const q = ledger.queue(name)
  for (let i = 0; i < count; i++) await q.createAndPush({ i })
  for (let i = 0; i < count; i++) await (await q.tryPopAndStart())!.fail([`bad ${i}`])
}

describe('queue bulk actions', () => {
  it('retries failed items up to the limit and answers what is still failed', async () => {
    const { ledger, app } = dashboardOnMemory({ readOnly: false })
    await failItems(ledger, 'imports', 5)
    const first = await app.request('/api/queues/imports/retry-failed', post({ limit: 3 }))
    expect(first.status).toBe(200)
    expect(await first.json()).toEqual({ retried: 3, failed: 2 })
    expect(await (await app.request('/api/queues/imports/retry-failed', post({}))).json()).toEqual({
      retried: 2,
      failed: 0,
    })
    expect(await ledger.queue('imports').counts()).toMatchObject({ waiting: 5, failed: 0 })
  })

  it('counts with GET and cleans with POST, settled items older than the age only', async () => {
    const { ledger, app } = dashboardOnMemory({ readOnly: false })
    await failItems(ledger, 'imports', 4)
    const count = await app.request('/api/queues/imports/clean?state=failed&olderThanMs=0')
    expect(await count.json()).toMatchObject({
      state: 'failed',
      matched: 4,
      deleted: 0,
      complete: true,
    })
    expect((await ledger.queue('imports').counts()).failed).toBe(4)
    const none = await app.request('/api/queues/imports/clean?state=failed&olderThanMs=3600000')
    expect(await none.json()).toMatchObject({ matched: 0 })
    const clean = await app.request(
      '/api/queues/imports/clean',
      post({ state: 'failed', olderThanMs: 0, limit: 3 }),
    )
    expect(await clean.json()).toMatchObject({ matched: 3, deleted: 3, scanned: 4 })
    expect((await ledger.queue('imports').counts()).failed).toBe(1)
  })

  it('refuses changes on a read-only dashboard, bad input and unknown queues, changing nothing', async () => {
    const readOnly = dashboardOnMemory()
    await failItems(readOnly.ledger, 'imports', 2)
    const refused = await readOnly.app.request('/api/queues/imports/retry-failed', post({}))
    expect(refused.status).toBe(403)
    const { app } = dashboardOnMemory({ readOnly: false }, { store: readOnly.ledger.store })
    const bad: [string, unknown][] = [
      ['retry-failed', { limit: 0 }],
      ['retry-failed', { limit: '5' }],
      ['clean', { state: 'waiting', olderThanMs: 0 }],
      ['clean', { state: 'failed' }],
      ['clean', { state: 'failed', olderThanMs: -5 }],
      ['clean', { state: 'failed', olderThanMs: 0, dryRun: 'no' }],
    ]
    for (const [verb, body] of bad) {
      const response = await app.request(`/api/queues/imports/${verb}`, post(body))
      expect(response.status, `${verb} ${JSON.stringify(body)}`).toBe(400)
      expect(await response.json()).toMatchObject({ error: { code: 'INVALID_ARGUMENT' } })
    }
    expect((await app.request('/api/queues/imports/clean?state=failed&olderThanMs=x')).status).toBe(
      400,
    )
    expect((await app.request('/api/queues/ghost/retry-failed', post({}))).status).toBe(404)
    expect((await app.request('/api/queues/ghost/clean?state=failed&olderThanMs=0')).status).toBe(
      404,
    )
    expect((await readOnly.ledger.queue('imports').counts()).failed).toBe(2)
  })
})

describe('failure reasons', () => {
  it('groups failed parts by reason and errored items by message, most frequent first', async () => {
    const { ledger, app } = dashboardOnMemory()
    await seedBatchedJob(ledger, 'import')
    await seedJob(ledger, 'flaky', 6)
    for (const [part, reason] of [
      [0, 'timeout'],
      [1, 'disk full'],
      [2, 'timeout'],
      [3, 'timeout'],
    ] as const)
      await ledger.job('flaky').fail(part, reason)
    const flaky = await body(await app.request('/api/jobs/flaky/failure-reasons'))
    expect(flaky.parts).toEqual({
      groups: [
        { reason: 'timeout', count: 3, examples: ['0', '2', '3'] },
        { reason: 'disk full', count: 1, examples: ['1'] },
      ],
      otherReasons: 0,
      otherCount: 0,
      scanned: 4,
      partial: false,
    })
    const items = (await body(await app.request('/api/jobs/import/failure-reasons'))).items
    expect(items.groups).toEqual([
      { reason: 'TypeError: price is not a number', count: 1, examples: ['5'] },
    ])
    expect((await app.request('/api/jobs/ghost/failure-reasons')).status).toBe(404)
  })

  it('says it is partial past ten pages of a thousand failures', async () => {
    const { ledger, app } = dashboardOnMemory()
    const job = ledger.job('huge')
    await job.pushEach(
      Array.from({ length: 10_005 }, (_, i) => i),
      () => undefined,
    )
    for (let part = 0; part < 10_005; part++) await job.fail(part, `reason ${part % 25}`)
    const { parts } = await body(await app.request('/api/jobs/huge/failure-reasons'))
    expect(parts).toMatchObject({ scanned: 10_000, partial: true, otherReasons: 5 })
    expect(parts.groups).toHaveLength(20)
    const html = await (await app.request('/jobs/huge')).text()
    expect(html).toContain('Partial: grouped the first 10000 parts only')
  })
})

describe('throughput and live keys', () => {
  it('answers 60 points per range and refuses an unknown range', async () => {
    const { app } = dashboardOnMemory()
    for (const range of ['5m', '1h']) {
      const answer = await body(await app.request(`/api/throughput?range=${range}`))
      expect(answer.range).toBe(range)
      expect(answer.points).toHaveLength(60)
    }
    expect((await app.request('/api/throughput?range=1d')).status).toBe(400)
  })

  it('streams list, batches and throughput keys, and refuses malformed ones', async () => {
    const { ledger, app } = dashboardOnMemory({ live: { intervalMs: 20 } })
    await seedBatchedJob(ledger, 'import')
    const keys = ['list:job', 'batches:["import",0]', 'throughput:1h']
    const query = new URLSearchParams(keys.map((key): [string, string] => ['key', key]))
    const reader = new SseReader(await app.request(`/api/live?${query}`))
    try {
      expect(await reader.until('list:job', (v) => v?.newest === 'import')).toBeTruthy()
      const batches = await reader.until('batches:["import",0]', (v) => v !== null)
      expect(batches).toMatchObject({
        batchesDone: 1,
        items: [{ state: 'settled' }, { state: 'open' }],
      })
      expect(await reader.until('throughput:1h', (v) => v?.range === '1h')).toBeTruthy()
      await seedJob(ledger, 'newer', 1)
      await reader.until('list:job', (v) => v?.newest === 'newer')
    } finally {
      await reader.close()
    }
    for (const key of [
      'list:planet',
      'batches:["import"]',
      'batches:["import",-1]',
      'throughput:1d',
    ]) {
      expect((await app.request(`/api/live?key=${encodeURIComponent(key)}`)).status).toBe(400)
    }
  })
})
