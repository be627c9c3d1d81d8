// The dashboard as an operations tool, in a real browser (Debian's chromium through
// playwright-core): times in the viewer's zone with durations and an ETA, a failed queue
// item's error with its stack, retrying every failed item after a confirmation that a stray
// click cannot pass, and cleaning items by age after counting them. A memory store with a
// manual clock makes times and durations exact; the bulk actions themselves run on every
// store in the conformance suite (queue-bulk.ts).
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { ManualClock } from '../src/index.js'
import { createMemoryStore } from '../src/stores/memory/memory-store.js'
import { liveState, screenshot, useBrowserDashboard } from './support/browser-dashboard.js'

const withDashboard = useBrowserDashboard()
/** 2025-05-01 12:00:00 UTC: 08:00:00 in New York (EDT). */
const T = Date.UTC(2025, 4, 1, 12, 0, 0)
const NEW_YORK = { timezoneId: 'America/New_York' }

function manualStore() {
  const clock = new ManualClock(T)
  return { clock, store: createMemoryStore({ clock }) }
}

async function openLive(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await expect.poll(() => liveState(page)).toBe('live')
}

/** The text of the definition after the term `term` on the page. */
function definition(page: Page, term: string) {
  return page.locator('dl.summary dt', { hasText: term }).locator('xpath=following-sibling::dd[1]')
}

/** POST requests the page sent, by path. */
function postsOf(page: Page): string[] {
  const posts: string[] = []
  page.on('request', (request) => {
    if (request.method() === 'POST') posts.push(new URL(request.url()).pathname)
  })
  return posts
}

describe('when and why', () => {
  it('shows times in the viewer’s zone with the relative form, durations and an ETA', async () => {
    const { clock, store } = manualStore()
    await withDashboard(
      { store },
      async (ledger, served, page, alarms) => {
        const running = ledger.job('running-import')
        await running.pushEach(
          Array.from({ length: 20 }, (_, i) => i),
          () => undefined,
        )
        const finished = ledger.job('done-import')
        await finished.pushEach([0, 1, 2, 3], () => undefined)
        clock.advance(10_000)
        for (const part of [0, 1, 2, 3, 4]) await running.done(part)
        clock.advance(73_000)
        for (const part of [0, 1, 2, 3]) await finished.done(part)

        await openLive(page, `${served.url}jobs/done-import`)
        const created = definition(page, 'Created').locator('time')
        expect(await created.locator('[data-role="absolute"]').textContent()).toBe(
          '2025-05-01 08:00:00',
        )
        // Relative to the server's clock (83 s after creation), not the viewer's.
        expect(await created.getAttribute('title')).toBe('1 min ago · America/New_York time')
        expect(await created.locator('.sr-only').textContent()).toBe(' (1 min ago)')
        expect(
          await definition(page, 'Finished').locator('[data-role="absolute"]').textContent(),
        ).toBe('2025-05-01 08:01:23')
        expect(await definition(page, 'Duration').textContent()).toBe('1 min 23 s')
        expect(await page.locator('h1 [data-field="label"]').textContent()).toBe('succeeded')

        await openLive(page, `${served.url}jobs/running-import`)
        expect(await page.locator('h1 [data-field="label"]').textContent()).toBe('running')
        // 5 of 20 parts in the 83 s since creation: the rest at that rate.
        expect(await definition(page, 'ETA').textContent()).toBe('≈ 4 min 9 s left at 0.1/s')
        expect(await definition(page, 'Duration').textContent()).toMatch(/so far$/)

        const q = ledger.queue('imports')
        await q.createAndPush({ file: 'a.csv' })
        clock.advance(2_000)
        const item = await q.tryPopAndStart()
        clock.advance(1_500)
        await item!.finish({ rows: 10 })
        await openLive(page, `${served.url}queues/imports/items/${item!.id}`)
        expect(await definition(page, 'Waited').textContent()).toBe('2.0 s')
        expect(await definition(page, 'Ran').textContent()).toBe('1.5 s')
        expect(await definition(page, 'Total').textContent()).toBe('3.5 s')
        await openLive(page, `${served.url}jobs`)
        const row = page.locator('tr', { has: page.getByRole('link', { name: 'done-import' }) })
        expect(await row.locator('td').nth(7).textContent()).toBe('1 min 23 s')
        await screenshot(page, 'jobs-times.png', false)
        expect(alarms).toEqual([])
      },
      NEW_YORK,
    )
  })

  it('shows a failed queue item’s error class and message, its stack collapsed', async () => {
    await withDashboard({}, async (ledger, served, page, alarms) => {
      const q = ledger.queue('imports')
      const stack = 'TypeError: price is not a number\n    at parseRow (import.js:40:7)'
      await q.createAndPush({ file: 'prices.csv', rows: Array.from({ length: 30 }, (_, i) => i) })
      const item = await q.tryPopAndStart()
      await item!.fail([{ name: 'TypeError', message: 'price is not a number', stack }])
      await openLive(page, `${served.url}queues/imports?state=failed`)
      const row = page.locator(`tr[data-item="${item!.id}"]`)
      expect(await row.locator('.error-class').textContent()).toBe('TypeError')
      expect(await row.locator('.error-message').textContent()).toBe('price is not a number')
      const details = row.locator('details.stack')
      expect(await details.getAttribute('open')).toBeNull()
      expect(await details.locator('pre').isVisible()).toBe(false)
      await details.locator('summary').focus()
      await page.keyboard.press('Enter')
      await expect.poll(() => details.locator('pre').isVisible()).toBe(true)
      expect(await details.locator('pre').textContent()).toBe(stack)
      const data = row.locator('td.data details.json')
      expect(await data.locator('summary').textContent()).toContain('(2 keys)')
      await data.locator('summary').click()
      expect(await data.locator('pre').textContent()).toContain('"file": "prices.csv"')
      await screenshot(page, 'queue-error.png')
      expect(alarms).toEqual([])
    })
  })
})

describe('acting on many items', () => {
  it('retries every failed item after confirming the count it shows', async () => {
    await withDashboard({}, async (ledger, served, page, alarms) => {
      const q = ledger.queue('imports')
      for (let i = 0; i < 8; i++) await q.createAndPush({ n: i })
      await (await q.tryPopAndStart())!.finish('ok')
      for (let i = 1; i < 8; i++) await (await q.tryPopAndStart())!.fail(['disk full'])
      await openLive(page, `${served.url}queues/imports?state=failed`)
      const bulk = page.locator('section.bulk')
      expect(await bulk.locator('[data-field="failed"]').first().textContent()).toBe('7')
      const retryAll = bulk.getByRole('button', { name: 'Retry all failed' })
      const destructive = await page.getByRole('button', { name: /^Delete item/ }).first()
      expect(await backgroundOf(retryAll)).not.toBe(await backgroundOf(destructive))
      expect(await backgroundOf(destructive)).toBe('rgb(180, 35, 24)')
      await retryAll.click()
      const dialog = page.getByRole('dialog')
      expect(await dialog.locator('[data-role="confirm-text"]').textContent()).toBe(
        'Retry 7 failed items of imports? They go back to waiting and run again.',
      )
      await dialog.getByRole('button', { name: 'Retry them' }).click()
      await expect
        .poll(() => bulk.locator('[data-role="flash"]').first().textContent())
        .toBe('Retried 7; 0 still failed.')
      expect(await q.counts()).toEqual({ waiting: 7, running: 0, finished: 1, failed: 0 })
      await expect
        .poll(() => page.locator('nav.tabs [data-field="failed"]').textContent())
        .toBe('0')
      expect(alarms).toEqual([])
    })
  })

  it('sends nothing on a stray click: Delete waits for the confirmation, Escape and Cancel abort', async () => {
    await withDashboard({}, async (ledger, served, page, alarms) => {
      const q = ledger.queue('imports')
      await q.createAndPush({ n: 1 })
      const item = await q.tryPopAndStart()
      await item!.fail(['disk full'])
      const posts = postsOf(page)
      await openLive(page, `${served.url}queues/imports?state=failed`)
      const remove = page.getByRole('button', { name: `Delete item ${item!.id}` })
      const dialog = page.getByRole('dialog')
      await remove.click()
      await expect.poll(() => dialog.isVisible()).toBe(true)
      await screenshot(page, 'confirm.png', false)
      await page.keyboard.press('Escape')
      await expect.poll(() => dialog.isVisible()).toBe(false)
      await remove.click()
      await dialog.getByRole('button', { name: 'Cancel' }).click()
      await remove.click()
      await page.keyboard.press('Enter')
      await expect.poll(() => dialog.isVisible()).toBe(false)
      expect(posts).toEqual([])
      expect((await q.get(item!.id)).state).toBe('failed')
      await remove.click()
      await dialog.getByRole('button', { name: 'Delete item' }).click()
      await expect.poll(() => posts.length).toBe(1)
      await expect(q.get(item!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
      expect(alarms).toEqual([])
    })
  })

  it('cleans finished items older than an age, counting them first', async () => {
    const { clock, store } = manualStore()
    await withDashboard({ store }, async (ledger, served, page, alarms) => {
      const q = ledger.queue('imports', { retainMs: 7 * 86_400_000 })
      const settle = async (n: number) => {
        for (let i = 0; i < n; i++) await q.createAndPush({ i })
        for (let i = 0; i < n; i++) await (await q.tryPopAndStart())!.finish(i)
      }
      await settle(3)
      clock.advance(2 * 3_600_000)
      await settle(2)
      await openLive(page, `${served.url}queues/imports?state=finished`)
      const form = page.locator('form.clean')
      const remove = form.getByRole('button', { name: 'Delete counted items' })
      expect(await remove.isDisabled()).toBe(true)
      await form.getByRole('button', { name: 'Count', exact: true }).click()
      await expect
        .poll(() => form.locator('[data-role="count"]').textContent())
        .toMatch(/^3 finished items settled before /)
      await remove.click()
      const dialog = page.getByRole('dialog')
      expect(await dialog.locator('[data-role="confirm-text"]').textContent()).toBe(
        'Delete 3 finished items of imports, with their data? This cannot be undone.',
      )
      await dialog.getByRole('button', { name: 'Delete them' }).click()
      await expect.poll(() => form.locator('[data-role="flash"]').textContent()).toBe('Deleted 3.')
      expect(await q.counts()).toEqual({ waiting: 0, running: 0, finished: 2, failed: 0 })
      await expect
        .poll(() => form.locator('[data-role="count"]').textContent())
        .toMatch(/^0 finished items/)
      expect(alarms).toEqual([])
    })
  })
})

function backgroundOf(locator: ReturnType<Page['locator']>): Promise<string> {
  return locator.evaluate(
    (el) =>
      (
        el as unknown as {
          ownerDocument: {
            defaultView: { getComputedStyle(e: unknown): { backgroundColor: string } }
          }
        }
      ).ownerDocument.defaultView.getComputedStyle(el).backgroundColor,
  )
}
