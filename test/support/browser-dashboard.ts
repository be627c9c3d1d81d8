import { existsSync } from 'node:fs'
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { type ServedDashboard, serveDashboard } from '../../src/dashboard.js'
import { createLedger, type Ledger, type LedgerOptions } from '../../src/index.js'
import { screenshotDir } from './screenshots.js'

const CHROMIUM = '/usr/bin/chromium'
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
const SCREENSHOTS = screenshotDir()

export type DashboardRun = (
  ledger: Ledger,
  served: ServedDashboard,
  page: Page,
  alarms: string[],
) => Promise<void>

/**
 * Launches Debian's chromium once for the calling test file and returns `withDashboard`:
 * a memory ledger served on a free port, a fresh page whose dialogs, console errors and page
 * errors are collected in `alarms`, all closed after `run`. `contextOptions` override the
 * browser context's (a 1200 × 760 viewport by default; a time zone, say).
 */
export function useBrowserDashboard(): (
  ledgerOptions: LedgerOptions,
  run: DashboardRun,
  contextOptions?: BrowserContextOptions,
) => Promise<void> {
  let browser: Browser
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `The browser tests drive Debian's chromium at ${CHROMIUM}, which is missing: install it with 'sudo apt-get install -y chromium' (these tests never skip).`,
      )
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS })
  })
  afterAll(async () => {
    await browser?.close()
  })
  return async (ledgerOptions, run, contextOptions = {}) => {
    const ledger = createLedger(ledgerOptions)
    const served = await serveDashboard(ledger, {
      port: 0,
      readOnly: false,
      live: { intervalMs: 100 },
    })
    const context = await browser.newContext({
      viewport: { width: 1200, height: 760 },
      ...contextOptions,
    })
    const page = await context.newPage()
    try {
      await run(ledger, served, page, collectAlarms(page))
    } finally {
      await context.close()
      await served.close()
      await ledger.close()
    }
  }
}

function collectAlarms(page: Page): string[] {
  const alarms: string[] = []
  page.on('dialog', (dialog) => {
    alarms.push(`dialog: ${dialog.message()}`)
    void dialog.dismiss()
  })
  page.on('console', (message) => {
    if (message.type() === 'error') alarms.push(`console: ${message.text()}`)
  })
  page.on('pageerror', (error) => alarms.push(`page error: ${error.message}`))
  return alarms
}

/** Saves a screenshot of the page under the screenshot folder (see screenshots.ts). */
export function screenshot(page: Page, name: string, fullPage = true): Promise<Buffer> {
  return page.screenshot({ path: new URL(name, SCREENSHOTS).pathname, fullPage })
}

/** The live-connection indicator's text ('live' once the page's SSE stream is open). */
export function liveState(page: Page): Promise<string | null> {
  return page.locator('[data-role="live-state"]').textContent()
}
