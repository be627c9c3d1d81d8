// Links between units in a real browser (Debian's chromium through playwright-core): clicking
// group → stage → staged job → the queue item that carried it → the item's status, and back
// from the status to its item, from the item to its staged job, stage and group, and from a
// job's batches to the job, and from a queue item carrying a callback to the job whose page
// lists it. Every page reached is the unit the link named. Saves the screenshots of a staged
// job, a queue item and a job's callbacks with their links.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { liveState, screenshot, useBrowserDashboard } from './support/browser-dashboard.js'
import { seedBatchedJob, seedCarriedGroup, stagesLedger } from './support/dashboard-seeds.js'

const withDashboard = useBrowserDashboard()

/** Clicks the link and waits for the page it leads to, live. */
async function follow(page: Page, link: ReturnType<Page['locator']>, url: RegExp): Promise<void> {
  await link.click()
  await page.waitForURL(url)
  await expect.poll(() => liveState(page)).toBe('live')
}

describe('links between units in the browser', () => {
  it('clicks through group → stage → staged job → queue item → status and back', async () => {
    const { options, payloads } = stagesLedger()
    await withDashboard(options, async (ledger, served, page, alarms) => {
      const { groupId, jobId, itemId, statusId } = await seedCarriedGroup(ledger, payloads)
      const group = new RegExp(`/groups/${groupId}$`)
      const stage = new RegExp(`/groups/${groupId}/stages/1$`)
      const stagedJob = new RegExp(`/groups/${groupId}/jobs/${jobId}$`)
      const item = new RegExp(`/queues/work/items/${itemId}$`)
      const status = new RegExp(`/statuses/${encodeURIComponent(statusId)}$`)
      await page.goto(`${served.url}groups/${groupId}`)
      await follow(page, page.getByRole('link', { name: 'Stage 1' }), stage)
      const row = page.locator('table.staged-jobs tbody tr').first()
      expect(await row.locator('[data-link="carrier"]').textContent()).toBe(`work / ${itemId}`)
      await follow(page, row.getByRole('link', { name: jobId, exact: true }), stagedJob)
      expect(await page.locator('h1').textContent()).toBe('ImportFile')
      await screenshot(page, 'links-staged-job.png')
      await follow(page, page.locator('[data-link="carrier"]'), item)
      expect(await page.locator('h1').textContent()).toContain(`Item ${itemId}`)
      expect(await page.locator('[data-link="status"]').textContent()).toBe(
        `${statusId} (completed)`,
      )
      await screenshot(page, 'links-queue-item.png')
      await follow(page, page.locator('[data-link="status"]'), status)
      expect(await page.locator('h1 [data-field="status"]').textContent()).toBe('completed')
      await follow(page, page.locator('[data-link="subject"]'), item)
      await follow(page, page.locator('[data-link="stage"]'), stage)
      await page.goBack()
      await follow(page, page.locator('[data-link="group"]'), group)
      await page.goBack()
      await follow(page, page.locator('[data-link="staged-job"]'), stagedJob)
      await follow(page, page.locator('p.crumbs').getByRole('link', { name: 'stage 1' }), stage)
      await follow(page, page.locator('p.crumbs a.reason'), group)
      expect(await page.locator('h1').textContent()).toBe('carried import')
      expect(alarms).toEqual([])
    })
  })

  it('links the queue item that carried a callback to its job, whose page lists the callback', async () => {
    const { options, payloads } = stagesLedger()
    await withDashboard(options, async (ledger, served, page, alarms) => {
      const job = ledger.job('nightly')
      await job.push('a')
      await job.on('settled', { name: 'summary', args: [{ to: 'ops' }] })
      await job.close()
      await job.done('a')
      await expect.poll(() => payloads.length).toBe(1)
      const id = await ledger.queue('callbacks').createAndPush(payloads[0])
      await page.goto(`${served.url}queues/callbacks/items/${id}`)
      await expect.poll(() => liveState(page)).toBe('live')
      expect(await page.locator('dd.carries').textContent()).toBe('callback summary of job nightly')
      await follow(page, page.locator('[data-link="job"]'), /\/jobs\/nightly$/)
      const row = page.locator('tr[data-callback="settled:summary"]')
      await expect.poll(() => row.locator('td.dispatch').textContent()).toBe('dispatched')
      await screenshot(page, 'links-job-callbacks.png')
      expect(alarms).toEqual([])
    })
  })

  it('links a job to its batches and the batches back to the job', async () => {
    await withDashboard({}, async (ledger, served, page, alarms) => {
      await seedBatchedJob(ledger, 'widgets-import')
      await page.goto(`${served.url}jobs/widgets-import`)
      await expect.poll(() => liveState(page)).toBe('live')
      const batches = page.locator('section.batches h2').getByRole('link', { name: 'Batches' })
      await follow(page, batches, /\/jobs\/widgets-import\/batches$/)
      const job = page.locator('p.crumbs').getByRole('link', { name: 'widgets-import' })
      await follow(page, job, /\/jobs\/widgets-import$/)
      expect(alarms).toEqual([])
    })
  })
})
