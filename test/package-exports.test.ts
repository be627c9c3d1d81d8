// The published shape of the package: every subpath in package.json's `exports` and the
// `bin` resolve to built files that load and export what the README promises, from ESM and
// from CommonJS (require(esm)), and the root entry loads nothing of the HTTP stack.
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const run = promisify(execFile)
const root = new URL('../', import.meta.url)
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  exports: Record<string, { types: string; default: string } | string>
  bin: Record<string, string>
  scripts: Record<string, string>
}

const PROMISED: Record<string, string[]> = {
  '.': ['createLedger', 'createMemoryStore', 'JobledgerError', 'isJobledgerError', 'ERROR_STATUS'],
  './dashboard': ['createDashboard', 'serveDashboard', 'dashboardListener', 'isLoopback'],
  './testing': ['startRedisServer', 'startRedisCluster', 'freePort', 'eventually'],
  './testing/conformance': ['runStoreConformance', 'useNamespace'],
  './bullmq': ['bullmqDispatch', 'stagedJobProcessor'],
}

/** Where `node` resolves `specifier` to, and the specifiers every module it loads resolved. */
const LOADER_HOOK = `
import { appendFileSync } from 'node:fs'
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context)
  appendFileSync(process.env.RESOLVED_LOG, resolved.url + '\\n')
  return resolved
}`

async function modulesLoadedBy(entry: string): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'jobledger-resolved-'))
  const log = join(dir, 'resolved.log')
  const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(LOADER_HOOK)}`)})`
  await run(
    process.execPath,
    [
      '--import',
      `data:text/javascript,${encodeURIComponent(register)}`,
      '-e',
      `import(${JSON.stringify(entry)})`,
    ],
    { env: { ...process.env, RESOLVED_LOG: log } },
  )
  try {
    return readFileSync(log, 'utf8').split('\n').filter(Boolean)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('package exports', () => {
  it('maps exactly the subpaths the README documents, plus package.json', () => {
    expect(Object.keys(pkg.exports).sort()).toEqual(
      [...Object.keys(PROMISED), './package.json'].sort(),
    )
  })

  it.each(Object.entries(PROMISED))(
    'builds %s with its types and named exports',
    async (subpath, names) => {
      const entry = pkg.exports[subpath] as { types: string; default: string }
      expect(existsSync(new URL(entry.types, root)), entry.types).toBe(true)
      const module = (await import(new URL(entry.default, root).href)) as Record<string, unknown>
      for (const name of names) expect(module[name], `${subpath} exports ${name}`).toBeDefined()
    },
  )

  it('every exports target exists after the build (scripts/check-exports.mjs)', async () => {
    const { stdout } = await run(process.execPath, [
      fileURLToPath(new URL('scripts/check-exports.mjs', root)),
    ])
    expect(stdout).toMatch(/exports check: \d+ targets exist/)
  })

  it('builds before packing, so a packed checkout never ships without dist/', () => {
    expect(pkg.scripts.prepack).toBe('npm run build')
  })

  it("import 'jobledger' loads neither Hono, prom-client nor @opentelemetry/api", async () => {
    const loaded = await modulesLoadedBy(new URL('dist/index.js', root).href)
    expect(loaded.some((url) => url.endsWith('/dist/index.js'))).toBe(true)
    const unwanted = /node_modules\/(hono|@hono|prom-client|@opentelemetry)\//
    expect(loaded.filter((url) => unwanted.test(url))).toEqual([])
    const dashboard = await modulesLoadedBy(new URL('dist/dashboard.js', root).href)
    expect(dashboard.some((url) => /node_modules\/hono\//.test(url))).toBe(true)
  })

  it('ships the jobledger command as an executable script', () => {
    const bin = new URL(pkg.bin.jobledger!, root)
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node')).toBe(true)
  })
})
