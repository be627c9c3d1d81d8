import { mkdirSync } from 'node:fs'

/**
 * Where browser tests save their screenshots: test-results/screenshots/ on every run, or
 * docs/screenshots/ (the ones the README shows) when UPDATE_SCREENSHOTS=1, so an ordinary
 * test run leaves the work tree clean.
 */
export function screenshotDir(): URL {
  const dir =
    process.env.UPDATE_SCREENSHOTS === '1'
      ? new URL('../../docs/screenshots/', import.meta.url)
      : new URL('../../test-results/screenshots/', import.meta.url)
  mkdirSync(dir, { recursive: true })
  return dir
}
