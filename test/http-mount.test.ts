// Mounting the dashboard in Node servers over real sockets: plain node:http, Express 5 and
// Fastify 5 (dev dependencies only), exactly as the README's recipes do, plus the same request
// shapes emulated by hand so the listener's contract is pinned without the frameworks.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import Fastify from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import { dashboardListener, serveDashboard } from '../src/dashboard.js'
import { createLedger, isJobledgerError } from '../src/index.js'
import { dashboardOnMemory, seedJob } from './support/dashboard-fixture.js'

const servers: Server[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<string> {
  const server = createServer(handler)
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

async function exerciseMounted(origin: string, base: string): Promise<void> {
  const page = await fetch(`${origin}${base}/jobs/j`)
  expect(page.status).toBe(200)
  expect(await page.text()).toContain(`src="${base}/assets/dashboard.js"`)
  const summary = await fetch(`${origin}${base}/api/jobs/j`)
  expect(await summary.json()).toMatchObject({ token: 'j', total: 2 })
  const stop = await fetch(`${origin}${base}/api/jobs/j/stop`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: origin },
    body: JSON.stringify({ reason: 'from the mount test' }),
  })
  expect(await stop.json()).toMatchObject({ state: 'stopped', stopReason: 'from the mount test' })
}

describe('mounting', () => {
  it('serves from plain node:http with dashboardListener', async () => {
    const { ledger, app } = dashboardOnMemory({ readOnly: false })
    await seedJob(ledger, 'j', 2)
    await exerciseMounted(await listen(dashboardListener(app)), '')
  })

  it('serves under an Express-style mount that strips the path into req.originalUrl', async () => {
    const { ledger, app } = dashboardOnMemory({ readOnly: false, basePath: '/admin/jobs' })
    await seedJob(ledger, 'j', 2)
    const listener = dashboardListener(app)
    const origin = await listen((req, res) => {
      const url = req.url ?? '/'
      if (!url.startsWith('/admin/jobs')) return void res.writeHead(404).end('host app')
      Object.assign(req, { originalUrl: url, url: url.slice('/admin/jobs'.length) || '/' })
      void listener(req, res)
    })
    await exerciseMounted(origin, '/admin/jobs')
    expect(await (await fetch(`${origin}/elsewhere`)).text()).toBe('host app')
  })

  it('serves from a Fastify-style route handing on the raw request and response', async () => {
    const { ledger, app } = dashboardOnMemory({ readOnly: false, basePath: '/dash' })
    await seedJob(ledger, 'j', 2)
    const listener = dashboardListener(app)
    const origin = await listen((req, res) => {
      if (req.url?.startsWith('/dash')) void listener(req, res)
      else res.writeHead(404).end()
    })
    await exerciseMounted(origin, '/dash')
  })
})

describe('mounting in the real frameworks, as the README shows', () => {
  it('serves under app.use() in Express, leaving the host app its other routes', async () => {
    const { ledger, app } = dashboardOnMemory({ readOnly: false, basePath: '/admin/jobs' })
    await seedJob(ledger, 'j', 2)
    const host = express()
    host.use('/admin/jobs', dashboardListener(app))
    host.get('/elsewhere', (_req, res) => void res.send('host app'))
    const origin = await listen(host)
    await exerciseMounted(origin, '/admin/jobs')
    expect(await (await fetch(`${origin}/elsewhere`)).text()).toBe('host app')
  })

  it('serves from a Fastify plugin that hands on the raw request and response', async () => {
    const { ledger, app } = dashboardOnMemory({ readOnly: false, basePath: '/admin/jobs' })
    await seedJob(ledger, 'j', 2)
    const listener = dashboardListener(app)
    const fastify = Fastify()
    await fastify.register(async (scope) => {
      scope.removeAllContentTypeParsers()
      scope.addContentTypeParser('*', (_request, _payload, done) => done(null))
      for (const path of ['/admin/jobs', '/admin/jobs/*']) {
        scope.all(path, (request, reply) => {
          reply.hijack()
          void listener(request.raw, reply.raw)
        })
      }
    })
    fastify.get('/elsewhere', async () => 'host app')
    const origin = await fastify.listen({ port: 0, host: '127.0.0.1' })
    try {
      await exerciseMounted(origin, '/admin/jobs')
      expect(await (await fetch(`${origin}/elsewhere`)).text()).toBe('host app')
    } finally {
      await fastify.close()
    }
  })
})

describe('serveDashboard', () => {
  it('serves on loopback and closes cleanly, live streams included', async () => {
    const ledger = createLedger()
    try {
      await seedJob(ledger, 'j', 1)
      const served = await serveDashboard(ledger, { port: 0 })
      expect(served.url).toBe(`http://127.0.0.1:${served.port}/`)
      expect((await fetch(`${served.url}api/jobs/j`)).status).toBe(200)
      const stream = await fetch(`${served.url}api/live?key=job:j`)
      expect(stream.status).toBe(200)
      await served.close()
      await expect(fetch(`${served.url}api/jobs/j`)).rejects.toThrow()
    } finally {
      await ledger.close()
    }
  })

  it.each(['0.0.0.0', '::', '192.168.1.10'])(
    'refuses to listen on %s without auth',
    async (host) => {
      const ledger = createLedger()
      try {
        await serveDashboard(ledger, { host, port: 0 })
        expect.unreachable()
      } catch (error) {
        expect(isJobledgerError(error) && error.code).toBe('INVALID_ARGUMENT')
        expect((error as Error).message).toContain('without auth')
      } finally {
        await ledger.close()
      }
    },
  )

  it('asks for the auth it was given', async () => {
    const ledger = createLedger()
    try {
      const served = await serveDashboard(ledger, { port: 0, auth: { bearer: 'tok' } })
      const url = `http://127.0.0.1:${served.port}/api/units?kind=job`
      expect((await fetch(url)).status).toBe(401)
      expect((await fetch(url, { headers: { Authorization: 'Bearer tok' } })).status).toBe(200)
      await served.close()
    } finally {
      await ledger.close()
    }
  })
})
