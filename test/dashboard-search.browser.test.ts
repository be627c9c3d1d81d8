// Search and group actions in a real browser (Debian's chromium through playwright-core): the
// search form narrows a list, a group's Cancel waits for its confirmation (Escape sends
// nothing; its dialog is saved as a screenshot), the new pages never scroll sideways at 390 px and have no serious axe violation.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { horizontalOverflow, seriousViolations } from './support/browser-axe.js'
import { liveState, screenshot, useBrowserDashboard } from './support/browser-dashboard.js'
import { seedGroup, stagesLedger } from './support/dashboard-seeds.js'

const withDashboard = useBrowserDashboard()

async function openLive(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await expect.poll(() => liveState(page)).toBe('live')
}

describe('search and act', () => {
  it('narrows the jobs list by name and state from the search form', async () => {
    await withDashboard({}, async (ledger, served, page, alarms) => {
      for (const [token, name] of [
        ['n1', 'Nightly import'],
        ['n2', 'Nightly export'],
        ['h1', 'Hourly sync'],
      ]) {
        await ledger.job(token, { name }).push('a')
      }
      await openLive(page, `${served.url}jobs`)
      expect(await page.locator('table.units tbody tr').count()).toBe(3)
      await page.getByLabel('Name starts with').fill('nightly')
      await page.getByRole('button', { name: 'Search' }).click()
      await expect.poll(() => page.locator('table.units tbody tr').count()).toBe(2)
      expect(await page.locator('.unit-name').allTextContents()).toEqual([
        'Nightly export',
        'Nightly import',
      ])
      await screenshot(page, 'search.png', false)
      await page.getByLabel('State').selectOption('failed')
      await page.getByRole('button', { name: 'Search' }).click()
      await expect
        .poll(() => page.locator('p.empty').textContent())
        .toBe('No live jobs match this search.')
      expect(alarms).toEqual([])
    })
  })

  it('cancels a group only after its confirmation; Escape sends nothing', async () => {
    const { options, payloads } = stagesLedger()
    await withDashboard(options, async (ledger, served, page, alarms) => {
      const id = await seedGroup(ledger, payloads, 'nightly import')
      const posts: string[] = []
      page.on('request', (request) => {
        if (request.method() === 'POST') posts.push(new URL(request.url()).pathname)
      })
      await openLive(page, `${served.url}groups/${id}`)
      const cancel = page.getByRole('button', { name: 'Cancel group' })
      const dialog = page.getByRole('dialog')
      await cancel.click()
      await expect.poll(() => dialog.isVisible()).toBe(true)
      await screenshot(page, 'confirm-cancel-group.png', false)
      await page.keyboard.press('Escape')
      await expect.poll(() => dialog.isVisible()).toBe(false)
      expect(posts).toEqual([])
      await cancel.click()
      await dialog.getByRole('button', { name: 'Cancel group' }).click()
      await expect.poll(() => posts.length).toBe(1)
      await expect.poll(async () => (await (await ledger.group(id)).record()).state).toBe('stopped')
      expect(alarms).toEqual([])
    })
  })

  it('fits 390 px and has no serious axe violation on search and group pages', async () => {
    const { options, payloads } = stagesLedger()
    await withDashboard(
      options,
      async (ledger, served, page) => {
        await ledger.job('n1', { name: 'Nightly import of every row' }).push('a')
        const id = await seedGroup(ledger, payloads, 'nightly import')
        for (const path of ['jobs?name=night', `groups/${id}`, 'groups?name=night']) {
          await openLive(page, `${served.url}${path}`)
          expect(await horizontalOverflow(page), path).toBeLessThanOrEqual(0)
          expect(await seriousViolations(page), path).toEqual([])
        }
        await openLive(page, `${served.url}jobs?name=night`)
        await screenshot(page, 'phone-search.png', false)
      },
      { viewport: { width: 390, height: 844 } },
    )
  })
})
