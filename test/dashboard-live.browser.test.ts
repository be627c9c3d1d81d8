// Live lists and throughput in a real browser (Debian's chromium through playwright-core):
// the groups list and the batches page follow their units, list pages say when newer units
// arrived and failure lists when more failed, and throughput is kept in the dashboard process
// (items and parts settled per second) so a page opened later draws the history at once.
// Memory store, as in the other browser tests.
import { describe, expect, it } from 'vitest'
import { eventually } from '../src/testing/wait.js'
import { liveState, screenshot, useBrowserDashboard } from './support/browser-dashboard.js'
import { seedJob } from './support/dashboard-fixture.js'
import {
  completeGroup,
  seedBatchedJob,
  seedGroup,
  stagesLedger,
} from './support/dashboard-seeds.js'

const withDashboard = useBrowserDashboard()

interface ThroughputAnswer {
  points: { itemsPerSecond: number | null; partsPerSecond: number | null }[]
}

describe('live lists', () => {
  it('moves a groups list row live and says when newer jobs arrive', async () => {
    const { options, payloads } = stagesLedger()
    await withDashboard(options, async (ledger, served, page, alarms) => {
      const id = await seedGroup(ledger, payloads, 'nightly import')
      await page.goto(`${served.url}groups`)
      await expect.poll(() => liveState(page)).toBe('live')
      const row = page.locator('tr', { has: page.getByRole('link', { name: id }) })
      expect(await row.locator('[data-field="done"]').textContent()).toBe('1')
      expect(await row.locator('[data-field="state"]').textContent()).toBe('running')
      await completeGroup(ledger, payloads)
      await expect.poll(() => row.locator('[data-field="state"]').textContent()).toBe('complete')
      expect(await row.locator('[data-field="done"]').textContent()).toBe('3')

      await seedJob(ledger, 'first', 2)
      await page.goto(`${served.url}jobs`)
      await expect.poll(() => liveState(page)).toBe('live')
      const notice = page.locator('p.notice', { hasText: 'Newer jobs arrived' })
      expect(await notice.isVisible()).toBe(false)
      await seedJob(ledger, 'second', 2)
      await expect.poll(() => notice.isVisible()).toBe(true)
      await notice.getByRole('link', { name: 'Show them' }).click()
      await expect.poll(() => page.getByRole('link', { name: 'second' }).count()).toBe(1)
      expect(alarms).toEqual([])
    })
  })

  it('follows batches as they settle and says when more parts failed', async () => {
    await withDashboard({}, async (ledger, served, page, alarms) => {
      await seedBatchedJob(ledger, 'widgets-import')
      await page.goto(`${served.url}jobs/widgets-import/batches`)
      await expect.poll(() => liveState(page)).toBe('live')
      const states = page.locator('table.batches td [data-path]')
      expect(await states.allTextContents()).toEqual(['settled', 'open'])
      await ledger.tracker({ job: 'widgets-import', batch: 1 }).eachRecord(() => undefined)
      await expect.poll(() => states.allTextContents()).toEqual(['settled', 'settled'])
      expect(await page.locator('h1 [data-field="batchesDone"]').textContent()).toBe('2')

      await seedJob(ledger, 'flaky', 4)
      await ledger.job('flaky').fail(0, 'timeout')
      await page.goto(`${served.url}jobs/flaky/failures`)
      await expect.poll(() => liveState(page)).toBe('live')
      const more = page.locator('p.notice', { hasText: 'More parts failed' })
      expect(await more.isVisible()).toBe(false)
      await ledger.job('flaky').fail(1, 'timeout')
      await expect.poll(() => more.isVisible()).toBe(true)
      expect(await page.locator('h2 [data-field="failed"]').textContent()).toBe('2')
      expect(alarms).toEqual([])
    })
  })
})

describe('throughput', () => {
  it('counts items and parts settled per second server-side and draws them on a fresh page at once', async () => {
    await withDashboard({}, async (ledger, served, page, alarms) => {
      await page.goto(served.url)
      await expect.poll(() => liveState(page)).toBe('live')
      const job = ledger.job('widgets')
      const batch = await job.addBatch(Array.from({ length: 200 }, (_, i) => i))
      const queue = ledger.queue('imports')
      for (let i = 0; i < 20; i++) await queue.createAndPush({ i })
      await ledger.tracker({ job: 'widgets', batch: batch.index }).eachRecord(() => undefined)
      for (let i = 0; i < 20; i++) await (await queue.tryPopAndStart())!.finish(i)
      const read = async () =>
        (await (await fetch(`${served.url}api/throughput?range=5m`)).json()) as ThroughputAnswer
      await eventually(
        async () => (await read()).points.some((p) => (p.itemsPerSecond ?? 0) > 0),
        'a sample counted the settled items',
      )
      const points = (await read()).points
      expect(points).toHaveLength(60)
      const items = Math.max(...points.map((p) => p.itemsPerSecond ?? 0))
      const parts = Math.max(...points.map((p) => p.partsPerSecond ?? 0))
      expect(items).toBeGreaterThan(parts)
      expect(parts).toBeGreaterThan(0)

      const fresh = await (await fetch(served.url)).text()
      expect(fresh).toMatch(/<path class="series items" d="M[\d.]+,[\d.]+/)
      expect(fresh).toMatch(/Items settled per second, last 5 min: now [\d.,]+\/s/)
      await page.goto(`${served.url}?range=1h`)
      await expect.poll(() => liveState(page)).toBe('live')
      expect(await page.locator('nav.tabs [aria-current="page"]').textContent()).toBe('last hour')
      expect(await page.locator('path.series.items').getAttribute('d')).toMatch(/^M/)
      expect(await page.locator('text.x-label').allTextContents()).toEqual([
        'now',
        '−15 min',
        '−30 min',
        '−45 min',
      ])
      await page.goto(served.url)
      await expect.poll(() => liveState(page)).toBe('live')
      await screenshot(page, 'overview-throughput.png', false)
      expect(alarms).toEqual([])
    })
  })
})
