// Recipe: a job's progress in your own web page. The job writes a status (throttled); the page
// polls GET /api/statuses/:id from the dashboard app mounted under /jobs. Runs on the embedded
// store; pass REDIS_URL to share the status across processes. Run: node progress-web.mjs
import { createServer } from 'node:http'
import { createLedger } from 'jobledger'
import { createDashboard, dashboardListener } from 'jobledger/dashboard'

const ledger = createLedger(process.env.REDIS_URL ? { redis: process.env.REDIS_URL } : {})
const jobs = dashboardListener(createDashboard(ledger, { basePath: '/jobs' }))
const id = `export-${Date.now()}`

const page = `<!doctype html><meta charset="utf-8"><title>Export</title>
<progress id="bar" max="1" value="0"></progress> <span id="text">starting…</span>
<script>
  async function poll() {
    const response = await fetch('/jobs/api/statuses/${id}')
    const status = response.ok ? await response.json() : null
    if (status) {
      document.getElementById('bar').value = status.total ? status.progress / status.total : 0
      document.getElementById('text').textContent = status.status + ' ' + status.progress + '/' + status.total
    }
    if (!status || (status.status !== 'completed' && status.status !== 'failed')) setTimeout(poll, 500)
  }
  poll()
</script>`

const server = createServer((request, response) => {
  if (request.url === '/') response.writeHead(200, { 'content-type': 'text/html' }).end(page)
  else jobs(request, response)
})
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
const base = `http://127.0.0.1:${server.address().port}`
console.log(`open ${base}/ to watch the export`)

// The job: 50 rows, progress written at most every 100 ms, completed at the end.
const rows = Array.from({ length: 50 }, (_, i) => i)
const seen = []
await ledger.track(
  id,
  async (status) => {
    await status.update({ total: rows.length, step: 'exporting' })
    for (const row of rows) {
      await new Promise((resolve) => setTimeout(resolve, 4 + (row % 3)))
      await status.progress.increment()
      if (row === 25) seen.push(await (await fetch(`${base}/jobs/api/statuses/${id}`)).json())
    }
  },
  { throttleMs: 100 },
)
const html = await (await fetch(`${base}/`)).text()
const final = await (await fetch(`${base}/jobs/api/statuses/${id}`)).json()
console.log(
  JSON.stringify({ midway: seen[0], final, pagePolls: html.includes(`/jobs/api/statuses/${id}`) }),
)
server.close()
await ledger.close()
