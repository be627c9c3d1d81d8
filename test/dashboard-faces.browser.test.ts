// The batches, statuses, groups and queues pages in a real browser (Debian's chromium through
// playwright-core): drilling down job → batches → errored items and group → stage → staged
// job, retrying and deleting a queue item and seeing its row follow live, the sparkline, and
// hostile status fields, status_message, queue errors and group descriptions staying text.
// Saves the screenshots the README shows. Memory store, as in dashboard.browser.test.ts.
import { describe, expect, it } from 'vitest'
import { liveState, screenshot, useBrowserDashboard } from './support/browser-dashboard.js'
import { seedJob } from './support/dashboard-fixture.js'
import { seedBatchedJob, seedGroup, seedQueue, stagesLedger } from './support/dashboard-seeds.js'

const IMG = '<img src=x onerror=alert(1)>'
const SCRIPT = '</script><script>alert(2)</script>'
const JS_LINK = '<a href="javascript:alert(3)">open</a>'

const withDashboard = useBrowserDashboard()

describe('dashboard faces in the browser', () => {
  it('drills down job → batches → errored items and moves the report live', async () => {
    await withDashboard({}, async (ledger, served, page, alarms) => {
      await seedBatchedJob(ledger, 'widgets-import', IMG)
      await seedJob(ledger, 'plain-job', 4, 1)
      await page.goto(`${served.url}jobs`)
      const row = page.locator('tr', { has: page.getByRole('link', { name: 'widgets-import' }) })
      expect(await row.locator('td.items').textContent()).toBe('3 / 1 / 1')
      await row.getByRole('link', { name: 'widgets-import' }).click()
      await page.waitForURL(/\/jobs\/widgets-import$/)
      await expect.poll(() => liveState(page)).toBe('live')
      await expect
        .poll(() => page.locator('.outcome-preview.errored td.reason').textContent())
        .toBe(`TypeError: ${IMG}`)
      await ledger.tracker({ job: 'widgets-import', batch: 1 }).eachRecord(() => undefined)
      await expect
        .poll(() => page.locator('[data-field="report.processed"]').first().textContent())
        .toBe('5')
      await expect
        .poll(() => page.locator('h2 [data-field="report.batchesDone"]').textContent())
        .toBe('2')
      await screenshot(page, 'job-batches.png')

      await page.locator('section.batches h2').getByRole('link', { name: 'Batches' }).click()
      await page.waitForURL(/\/batches$/)
      expect(await page.locator('table.batches tbody tr').count()).toBe(2)
      await page.getByRole('link', { name: 'errored items' }).click()
      await page.waitForURL(/\/outcomes\/errored$/)
      expect(await page.locator('table.outcomes td.reason').textContent()).toBe(`TypeError: ${IMG}`)
      expect(await page.locator('img').count()).toBe(0)
      expect(alarms).toEqual([])
    })
  })

  it('drills down group → stage → staged job with hostile text shown literally', async () => {
    const { options, payloads } = stagesLedger()
    await withDashboard(options, async (ledger, served, page, alarms) => {
      const id = await seedGroup(ledger, payloads, `nightly ${IMG}`, SCRIPT)
      await page.goto(`${served.url}groups`)
      await page.getByRole('link', { name: id }).click()
      await page.waitForURL(/\/groups\/[^/]+$/)
      expect(await page.locator('h1').textContent()).toBe(`nightly ${IMG}`)
      await expect.poll(() => liveState(page)).toBe('live')
      await screenshot(page, 'group.png')

      await page.getByRole('link', { name: 'Stage 1' }).click()
      await page.waitForURL(/\/stages\/1$/)
      await expect.poll(() => liveState(page)).toBe('live')
      const messages = page.locator('td.status-message')
      expect(await messages.first().textContent()).toBe(SCRIPT)
      const second = await ledger.stagedJob(payloads.shift())
      await second.run(async () => {
        await second.setStatusMessage(JS_LINK)
      })
      await expect.poll(() => messages.nth(1).textContent()).toBe(JS_LINK)
      await expect.poll(() => page.locator('h1 [data-path]').textContent()).toBe('complete')
      await screenshot(page, 'stage.png')

      await page.locator('table.staged-jobs a.token').first().click()
      await page.waitForURL(/\/jobs\/[^/]+$/)
      expect(await page.locator('dd.status-message').textContent()).toBe(SCRIPT)
      expect(await page.locator('img').count()).toBe(0)
      expect(await page.locator('main a[href^="javascript:"]').count()).toBe(0)
      expect(await page.locator('script').count()).toBe(1)
      expect(alarms).toEqual([])
    })
  })

  it('retries a failed queue item, sees it move to waiting live, then deletes it', async () => {
    await withDashboard({}, async (ledger, served, page, alarms) => {
      const ids = await seedQueue(ledger, 'imports', { message: IMG, link: JS_LINK })
      await page.goto(`${served.url}queues`)
      await page.getByRole('link', { name: 'imports' }).click()
      await page.getByRole('link', { name: /^failed/ }).click()
      await page.waitForURL(/state=failed/)
      await expect.poll(() => liveState(page)).toBe('live')
      const row = page.locator(`tr[data-item="${ids.failed}"]`)
      expect(await row.locator('td.errors .error-message').textContent()).toBe(IMG)
      expect(await row.locator('td.errors code').textContent()).toBe(
        JSON.stringify({ link: JS_LINK }),
      )
      await screenshot(page, 'queue.png')
      await row.getByRole('button', { name: 'Retry' }).click()
      await expect.poll(() => row.locator('[data-field="state"]').textContent()).toBe('waiting')
      await expect
        .poll(() => page.locator('nav.tabs [data-field="failed"]').textContent())
        .toBe('0')
      expect(await row.locator('form[data-action$="/retry"]').isHidden()).toBe(true)
      expect((await ledger.queue('imports').get(ids.failed)).state).toBe('waiting')
      await row.getByRole('button', { name: /^Delete/ }).click()
      await page.getByRole('dialog').getByRole('button', { name: 'Delete item' }).click()
      await expect.poll(() => row.locator('[data-field="state"]').textContent()).toBe('deleted')
      expect(await row.getAttribute('class')).toContain('gone')
      expect(await row.locator('form[data-action$="/delete"]').isHidden()).toBe(true)
      await expect(ledger.queue('imports').get(ids.failed)).rejects.toMatchObject({
        code: 'NOT_FOUND',
      })
      expect(await page.locator('img').count()).toBe(0)
      expect(alarms).toEqual([])
    })
  })

  it('shows status fields as text, moves progress live, and draws the overview sparkline', async () => {
    await withDashboard({}, async (ledger, served, page, alarms) => {
      const status = ledger.status('export-7')
      await status.update({ status: 'working', total: 10, step: IMG, 'a.b': { note: SCRIPT } })
      await page.goto(`${served.url}statuses/export-7`)
      await expect.poll(() => liveState(page)).toBe('live')
      const fields = page.locator('table.fields td.reason')
      expect(await fields.allTextContents()).toEqual([IMG, JSON.stringify({ note: SCRIPT })])
      await status.progress.set(4)
      await status.update({ step: JS_LINK })
      await expect
        .poll(() =>
          page
            .locator('main progress')
            .evaluate((el) => (el as unknown as { value: number }).value),
        )
        .toBe(4)
      await expect.poll(() => fields.first().textContent()).toBe(JS_LINK)
      await screenshot(page, 'status.png')

      await seedJob(ledger, 'nightly', 200)
      await page.goto(served.url)
      await expect.poll(() => liveState(page)).toBe('live')
      const path = () => page.locator('path.series.parts').getAttribute('d')
      for (let part = 0; part < 30; part += 10) {
        for (let p = part; p < part + 10; p++) await ledger.job('nightly').done(p)
        await expect.poll(async () => ((await path()) ?? '').length).toBeGreaterThan(0)
      }
      expect(await page.locator('figure.throughput figcaption').textContent()).toMatch(/parts now/)
      await screenshot(page, 'overview-all.png')
      expect(alarms).toEqual([])
    })
  })
})
