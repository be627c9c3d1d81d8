// The published shape of the package: every subpath in package.json's `exports` and the
// `bin` resolve to built files that load and export what the README promises.
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const root = new URL('../', import.meta.url)
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  exports: Record<string, { types: string; import: string }>
  bin: Record<string, string>
}

const PROMISED: Record<string, string[]> = {
  '.': [
    'createLedger',
    'createMemoryStore',
    'JobledgerError',
    'isJobledgerError',
    'createDashboard',
  ],
  './testing': ['runStoreConformance', 'startRedisServer', 'startRedisCluster', 'eventually'],
  './bullmq': ['bullmqDispatch', 'stagedJobProcessor'],
}

describe('package exports', () => {
  it('maps exactly the subpaths the README documents', () => {
    expect(Object.keys(pkg.exports).sort()).toEqual(Object.keys(PROMISED).sort())
  })

  it.each(Object.entries(PROMISED))(
    'builds %s with its types and named exports',
    async (subpath, names) => {
      const entry = pkg.exports[subpath]!
      expect(existsSync(new URL(entry.types, root)), entry.types).toBe(true)
      const module = (await import(new URL(entry.import, root).href)) as Record<string, unknown>
      for (const name of names) expect(module[name], `${subpath} exports ${name}`).toBeDefined()
    },
  )

  it('ships the jobledger command as an executable script', () => {
    const bin = new URL(pkg.bin.jobledger!, root)
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node')).toBe(true)
  })
})
