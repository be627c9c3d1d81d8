import { execFile } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

export const run = promisify(execFile)
export const REPO = fileURLToPath(new URL('../..', import.meta.url))

interface LockEntry {
  version?: string
  resolved?: string
  integrity?: string
  dependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
  [field: string]: unknown
}

interface PackResult {
  filename: string
  integrity: string
}

/** `npm pack` of the checkout into `dir` (dist/ is built by the test setup, so no scripts run). */
export async function packTarball(dir: string): Promise<PackResult> {
  const { stdout } = await run(
    'npm',
    ['pack', '--ignore-scripts', '--json', '--pack-destination', dir],
    { cwd: REPO, maxBuffer: 32 * 1024 * 1024 },
  )
  const [result] = JSON.parse(stdout) as PackResult[]
  if (!result) throw new Error(`npm pack printed no result: ${stdout}`)
  return result
}

/**
 * Where the registry keeps a package's tarball. The checkout's lock omits it
 * (omit-lockfile-registry-resolved); with it, an offline install finds the tarball in the npm
 * cache without the package's registry document.
 */
function registryTarball(name: string, version: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1)
  return `https://registry.npmjs.org/${name}/-/${base}-${version}.tgz`
}

/**
 * The lock entries of `names` and everything they depend on, as the checkout's own lock
 * resolved them (the same versions its tests ran against), resolved the way Node does: a
 * nested node_modules first, then each parent's.
 */
function closureOf(
  names: readonly string[],
  packages: Record<string, LockEntry>,
): Record<string, LockEntry> {
  const picked: Record<string, LockEntry> = {}
  const visit = (name: string, from: string) => {
    for (let base = from; ; base = base.slice(0, base.lastIndexOf('/node_modules/'))) {
      const path = `${base === '' ? '' : `${base}/`}node_modules/${name}`
      const entry = packages[path]
      if (entry) {
        if (picked[path]) return
        const { dev: _dev, devOptional: _devOptional, peer: _peer, ...kept } = entry
        picked[path] = { resolved: registryTarball(name, entry.version ?? ''), ...kept }
        for (const dep of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) {
          visit(dep, path)
        }
        return
      }
      if (base === '')
        throw new Error(`${name} (needed by ${from || 'the root'}) is not in the lock`)
    }
  }
  for (const name of names) visit(name, '')
  return picked
}

/**
 * A scratch project in `dir` depending on the packed tarball (packed into dir's parent) (and @types/node for the
 * TypeScript consumers), with a lock made from the checkout's, so `npm ci --offline` installs
 * the same versions from the npm cache every time without asking the registry anything.
 */
export async function installTarball(dir: string, tarball: PackResult): Promise<void> {
  const repoLock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>
  }
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as LockEntry
  const spec = `file:../${tarball.filename}`
  const dependencies = {
    jobledger: spec,
    '@types/node': repoLock.packages['node_modules/@types/node']?.version ?? '*',
  }
  const packages = closureOf(
    [...Object.keys(pkg.dependencies ?? {}), '@types/node'],
    repoLock.packages,
  )
  const lock = {
    name: 'jobledger-consumer',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'jobledger-consumer', dependencies },
      'node_modules/jobledger': {
        version: pkg.version,
        resolved: spec,
        integrity: tarball.integrity,
        license: pkg.license,
        dependencies: pkg.dependencies,
        peerDependencies: pkg.peerDependencies,
        peerDependenciesMeta: pkg.peerDependenciesMeta,
        bin: pkg.bin,
        engines: pkg.engines,
      },
      ...packages,
    },
  }
  mkdirSync(dir, { recursive: true })
  const manifest = { name: 'jobledger-consumer', private: true, dependencies }
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  writeFileSync(join(dir, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`)
  await run('npm', ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: dir,
    maxBuffer: 32 * 1024 * 1024,
  })
}
