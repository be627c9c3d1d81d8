// Every page of the dashboard on any screen, in a real browser (Debian's chromium through
// playwright-core): axe-core (the installed package, injected into the page) finds no serious
// or critical violation, a 390 px wide window never scrolls sideways (tables become cards),
// and the actions are reachable by keyboard with a visible focus. Saves the phone-sized
// screenshots. Memory store: the pages read through the facades, which the conformance
// suite runs on every store.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { Ledger } from '../src/index.js'
import { horizontalOverflow, seriousViolations } from './support/browser-axe.js'
import { liveState, screenshot, useBrowserDashboard } from './support/browser-dashboard.js'
import { seedJob } from './support/dashboard-fixture.js'
import {
  seedBatchedJob,
  seedCarriedGroup,
  seedGroup,
  seedQueue,
  stagesLedger,
} from './support/dashboard-seeds.js'

const withDashboard = useBrowserDashboard()
const PHONE = { width: 390, height: 844 }

/** One unit of every kind, so every page has something to show; answers every page's path. */
async function seedEverything(ledger: Ledger, payloads: unknown[]): Promise<string[]> {
  const carried = await seedCarriedGroup(ledger, payloads)
  await seedBatchedJob(ledger, 'widgets-import')
  await ledger.job('widgets-import').on('settled', { name: 'summary', args: [{ to: 'ops' }] })
  await seedJob(ledger, 'nightly-import', 20, 6)
  await ledger.job('nightly-import').fail(6, 'row 40: price is not a number')
  await ledger.status('export-7').update({ status: 'working', total: 10, step: 'upload' })
  await ledger.track('report-1', async (status) => {
    await status.update({ step: 'render' })
  })
  const group = await seedGroup(ledger, payloads, 'nightly import')
  const jobId = (await (await ledger.group(group)).stage(1).jobs())[0]!.id
  const items = await seedQueue(ledger, 'imports', new TypeError('disk full'))
  const g = encodeURIComponent(group)
  return [
    '',
    'jobs',
    'jobs/nightly-import',
    'jobs/nightly-import/failures',
    'jobs/widgets-import',
    'jobs/widgets-import/batches',
    'jobs/widgets-import/outcomes/errored',
    'statuses',
    'statuses/export-7',
    'statuses/report-1',
    'groups',
    `groups/${g}`,
    `groups/${g}/stages/1`,
    `groups/${g}/jobs/${encodeURIComponent(jobId)}`,
    'queues',
    'queues/imports?state=waiting',
    'queues/imports?state=finished',
    'queues/imports?state=failed',
    `queues/imports/items/${items.failed}`,
    `groups/${encodeURIComponent(carried.groupId)}/jobs/${carried.jobId}`,
    `queues/work/items/${carried.itemId}`,
    `statuses/${encodeURIComponent(carried.statusId)}`,
    'no/such/page',
  ]
}

async function open(page: Page, url: string): Promise<void> {
  await page.goto(url)
  if (!url.endsWith('no/such/page')) await expect.poll(() => liveState(page)).toBe('live')
}

describe('dashboard on any screen', () => {
  it('has no serious or critical axe violation on any page, wide or phone-sized', async () => {
    const { options, payloads } = stagesLedger()
    await withDashboard(options, async (ledger, served, page, alarms) => {
      const paths = await seedEverything(ledger, payloads)
      const found: Record<string, string[]> = {}
      for (const width of [1200, PHONE.width]) {
        await page.setViewportSize({ width, height: PHONE.height })
        for (const path of paths) {
          await open(page, `${served.url}${path}`)
          const violations = await seriousViolations(page)
          if (violations.length > 0) found[`${width}px /${path}`] = violations
        }
      }
      expect(found).toEqual({})
      expect(alarms.filter((alarm) => !alarm.includes('404'))).toEqual([])
    })
  })

  it('never scrolls sideways at 390 px: tables become labelled cards', async () => {
    const { options, payloads } = stagesLedger()
    await withDashboard(
      options,
      async (ledger, served, page) => {
        const paths = await seedEverything(ledger, payloads)
        const overflowing: Record<string, number> = {}
        for (const path of paths) {
          await open(page, `${served.url}${path}`)
          const overflow = await horizontalOverflow(page)
          if (overflow > 0) overflowing[`/${path}`] = overflow
        }
        expect(overflowing).toEqual({})
        await open(page, `${served.url}queues/imports?state=failed`)
        const cell = page.locator('table.queue-items tbody tr td').nth(1)
        expect(await cell.getAttribute('data-label')).toBe('State')
        const display = await cell.evaluate(
          (el) =>
            (
              el as unknown as {
                ownerDocument: {
                  defaultView: { getComputedStyle(e: unknown): { display: string } }
                }
              }
            ).ownerDocument.defaultView.getComputedStyle(el).display,
        )
        expect(display).toBe('block')
        await screenshot(page, 'phone-queue.png')
        await open(page, `${served.url}jobs/nightly-import`)
        await screenshot(page, 'phone-job.png')
      },
      { viewport: PHONE, isMobile: true, hasTouch: true },
    )
  })

  it('reaches every action by keyboard with a visible focus, the confirmation starting on Cancel', async () => {
    await withDashboard({}, async (ledger, served, page, alarms) => {
      await seedQueue(ledger, 'imports')
      await open(page, `${served.url}queues/imports?state=failed`)
      await page.keyboard.press('Tab')
      expect(await focused(page)).toBe('Skip to content')
      expect(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).toBe(
        'solid',
      )
      await page.keyboard.press('Enter')
      const seen: string[] = []
      for (let i = 0; i < 30 && !seen.includes('Retry all failed'); i++) {
        await page.keyboard.press('Tab')
        seen.push(await focused(page))
      }
      expect(seen).toContain('Retry all failed')
      expect(seen.indexOf('Retry all failed')).toBeLessThan(seen.length)
      await page.keyboard.press('Enter')
      const dialog = page.getByRole('dialog')
      await expect.poll(() => dialog.isVisible()).toBe(true)
      expect(await focused(page)).toBe('Cancel')
      await page.keyboard.press('Escape')
      await expect.poll(() => dialog.isVisible()).toBe(false)
      expect(await focused(page)).toBe('Retry all failed')
      expect((await ledger.queue('imports').counts()).failed).toBe(1)
      for (let i = 0; i < 40 && (await focused(page)) !== 'Delete item 2'; i++)
        await page.keyboard.press('Tab')
      expect(await focused(page)).toBe('Delete item 2')
      expect(alarms).toEqual([])
    })
  })
})

/** The accessible text of the focused element (its aria-label, else its text). */
function focused(page: Page): Promise<string> {
  return page.evaluate(
    "(document.activeElement.getAttribute('aria-label') || document.activeElement.textContent || '').trim()",
  ) as Promise<string>
}
