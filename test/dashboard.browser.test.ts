// The dashboard in a real browser (Debian's chromium through playwright-core): live progress
// over SSE, drilling down from the list to a job's failures, stopping a job, and hostile user
// text staying text. Saves the screenshots the README shows. Memory store: the pages read
// through the facades, which the conformance suite runs on both stores.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { liveState, screenshot, useBrowserDashboard } from './support/browser-dashboard.js'
import { seedJob } from './support/dashboard-fixture.js'

const IMG = '<img src=x onerror=alert(1)>'
const SCRIPT_TOKEN = '</script><script>alert(2)</script>'
const JS_TOKEN = 'javascript:alert(3)'

const withDashboard = useBrowserDashboard()

const progressOf = (page: Page) =>
  page
    .locator('main progress')
    .first()
    .evaluate((el) => (el as unknown as { value: number }).value)

describe('dashboard in the browser', () => {
  it('moves the progress bar live, drills down to failures and stops a job', async () => {
    await withDashboard({}, async (ledger, served, page, alarms) => {
      await seedJob(ledger, 'nightly-import', 20, 6)
      await ledger.job('nightly-import').fail(6, 'row 40: price is not a number')
      await seedJob(ledger, 'thumbnails', 8, 8)
      await seedJob(ledger, 'reindex', 50, 12)
      await ledger.job('reindex').stop({ reason: 'maintenance window' })

      await page.goto(served.url)
      await expect.poll(() => liveState(page)).toBe('live')
      await screenshot(page, 'overview.png', false)

      await page.locator('header nav').getByRole('link', { name: 'Jobs' }).click()
      await page.waitForURL(/\/jobs$/)
      await expect.poll(() => liveState(page)).toBe('live')
      await screenshot(page, 'jobs.png', false)

      await page.getByRole('link', { name: 'nightly-import' }).click()
      await page.waitForURL(/\/jobs\/nightly-import$/)
      await expect.poll(() => liveState(page)).toBe('live')
      expect(await progressOf(page)).toBe(7)
      for (const part of [7, 8, 9]) await ledger.job('nightly-import').done(part)
      await expect.poll(() => progressOf(page)).toBe(10)
      await expect.poll(() => page.locator('dd [data-field="open"]').textContent()).toBe('10')

      await expect
        .poll(() => page.locator('.failures td.reason').first().textContent())
        .toBe('row 40: price is not a number')
      await screenshot(page, 'job.png')

      await page.getByPlaceholder('reason (optional)').fill('stopped from the browser')
      await page.getByRole('button', { name: 'Stop job' }).click()
      const dialog = page.getByRole('dialog')
      await dialog.getByRole('button', { name: 'Stop job' }).click()
      await expect.poll(() => page.locator('h1 [data-field="label"]').textContent()).toBe('stopped')
      await expect
        .poll(() => page.locator('[data-field="stopReason"]').textContent())
        .toBe('stopped from the browser')
      expect(await page.locator('form[data-action]').isHidden()).toBe(true)
      expect(await ledger.job('nightly-import').isStopped()).toBe(true)
      expect(alarms).toEqual([])
    })
  })

  it('shows hostile names and messages literally and runs none of them', async () => {
    await withDashboard({}, async (ledger, served, page, alarms) => {
      await seedJob(ledger, SCRIPT_TOKEN, 3, 1)
      await ledger.job(SCRIPT_TOKEN).fail(1, IMG)
      await ledger
        .job(SCRIPT_TOKEN)
        .stop({ reason: `${JS_TOKEN} </script><script>alert(4)</script>` })
      await seedJob(ledger, JS_TOKEN, 2)
      await ledger.job(JS_TOKEN).fail(0, `<a href="javascript:alert(5)">click</a>`)

      await page.goto(`${served.url}jobs`)
      await expect.poll(() => liveState(page)).toBe('live')
      expect(await page.locator('a.unit-link .token').allTextContents()).toEqual(
        expect.arrayContaining([SCRIPT_TOKEN, JS_TOKEN]),
      )
      expect(await page.locator('img').count()).toBe(0)

      await page.getByRole('link', { name: SCRIPT_TOKEN }).click()
      await expect
        .poll(() => page.locator('[data-field="stopReason"]').textContent())
        .toBe(`${JS_TOKEN} </script><script>alert(4)</script>`)
      expect(await page.locator('.failures td.reason').textContent()).toBe(IMG)
      expect(await page.locator('img').count()).toBe(0)
      expect(await page.locator('script').count()).toBe(1)

      await page.goto(`${served.url}jobs`)
      await page.getByRole('link', { name: JS_TOKEN }).click()
      await page.waitForURL(/\/jobs\/javascript%3Aalert\(3\)$/)
      expect(await page.locator('.failures td.reason').textContent()).toBe(
        '<a href="javascript:alert(5)">click</a>',
      )
      expect(await page.locator('main a[href^="javascript:"]').count()).toBe(0)
      await screenshot(page, 'hostile-text.png')
      expect(alarms).toEqual([])
    })
  })
})
