// The dashboard over Redis: latency of the jobs-list API and of the jobs page with 100,000
// live jobs, and server memory while 50 SSE clients watch 50 jobs each (loopback only, a
// bounded run).
// DASHBOARD_BENCH_JOBS and DASHBOARD_BENCH_SSE_SECONDS override the sizes.
import { createDashboard, serveDashboard } from '../dist/dashboard.js'
import { createLedger } from '../dist/index.js'

export const title = 'dashboard: jobs-list API and live streams on Redis'

const JOBS = Number(process.env.DASHBOARD_BENCH_JOBS ?? 100_000)
const SSE_SECONDS = Number(process.env.DASHBOARD_BENCH_SSE_SECONDS ?? 30)

export async function run({ redisUrl, record }) {
  const ledger = createLedger({ redis: redisUrl, prefix: `bench-dash-${Date.now()}` })
  try {
    await seed(ledger)
    await listLatency(ledger, record)
    await pageLatency(ledger, record)
    await liveMemory(ledger, record)
  } finally {
    await ledger.cleaner.purgeAll()
    await ledger.close()
  }
}

async function seed(ledger) {
  for (let start = 0; start < JOBS; start += 500) {
    await Promise.all(
      Array.from({ length: Math.min(500, JOBS - start) }, (_, i) =>
        ledger.job(`job-${start + i}`).push('0', '1', '2'),
      ),
    )
  }
}

async function listLatency(ledger, record) {
  const app = createDashboard(ledger)
  const times = []
  let cursor = null
  for (let i = 0; i < 300; i++) {
    const query = new URLSearchParams({ kind: 'job', limit: '50', ...(cursor ? { cursor } : {}) })
    const started = performance.now()
    const response = await app.request(`/api/units?${query}`)
    const page = await response.json()
    times.push(performance.now() - started)
    cursor = i % 10 === 9 ? null : page.cursor
  }
  app.close()
  times.sort((a, b) => a - b)
  record(
    `GET /api/units?kind=job&limit=50 with ${JOBS} jobs, p50`,
    times[Math.floor(times.length / 2)],
    'ms',
  )
  record(
    `GET /api/units?kind=job&limit=50 with ${JOBS} jobs, p99`,
    times[Math.floor(times.length * 0.99)],
    'ms',
  )
}

/** The HTML jobs list (what a browser loads): one page of 50 with times, reports and states. */
async function pageLatency(ledger, record) {
  const app = createDashboard(ledger)
  const times = []
  let cursor = null
  for (let i = 0; i < 300; i++) {
    const started = performance.now()
    const response = await app.request(
      `/jobs${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`,
    )
    const html = await response.text()
    times.push(performance.now() - started)
    if (response.status !== 200) throw new Error(`GET /jobs answered ${response.status}`)
    const next = /href="\/jobs\?cursor=([^"]+)"/.exec(html)?.[1]
    cursor = i % 10 === 9 || !next ? null : decodeURIComponent(next.replaceAll('&amp;', '&'))
  }
  app.close()
  times.sort((a, b) => a - b)
  record(
    `GET /jobs (HTML page of 50) with ${JOBS} jobs, p50`,
    times[Math.floor(times.length / 2)],
    'ms',
  )
  record(
    `GET /jobs (HTML page of 50) with ${JOBS} jobs, p99`,
    times[Math.floor(times.length * 0.99)],
    'ms',
  )
}

async function liveMemory(ledger, record) {
  const served = await serveDashboard(ledger, { port: 0, live: { intervalMs: 1000 } })
  const keys = Array.from({ length: 50 }, (_, i) => ['key', `job:job-${i}`])
  const streams = await Promise.all(
    Array.from({ length: 50 }, () => fetch(`${served.url}api/live?${new URLSearchParams(keys)}`)),
  )
  const readers = streams.map((response) => drain(response.body.getReader()))
  const writer = keepWriting(ledger)
  global.gc?.()
  const heapAtStart = process.memoryUsage().heapUsed
  let heapMax = heapAtStart
  const deadline = Date.now() + SSE_SECONDS * 1000
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1000))
    heapMax = Math.max(heapMax, process.memoryUsage().heapUsed)
  }
  global.gc?.()
  const heapAtEnd = process.memoryUsage().heapUsed
  writer.stop()
  await served.close()
  await Promise.allSettled(readers)
  record(
    `50 SSE clients x 50 jobs for ${SSE_SECONDS} s: heap at start`,
    heapAtStart / 2 ** 20,
    'MiB',
  )
  record(`50 SSE clients x 50 jobs for ${SSE_SECONDS} s: heap at end`, heapAtEnd / 2 ** 20, 'MiB')
  record(`50 SSE clients x 50 jobs for ${SSE_SECONDS} s: heap max`, heapMax / 2 ** 20, 'MiB')
}

async function drain(reader) {
  for (;;) if ((await reader.read()).done) return
}

function keepWriting(ledger) {
  let running = true
  void (async () => {
    for (let round = 0; running; round++) {
      await Promise.all(
        Array.from({ length: 50 }, (_, i) => ledger.job(`job-${i}`).push(`extra-${round}`)),
      )
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  })()
  return { stop: () => (running = false) }
}
