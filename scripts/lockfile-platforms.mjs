#!/usr/bin/env node
// The package registry reachable here lacks some platform-specific builds (e.g. Biome for
// macOS), so `npm install` leaves them out of package-lock.json and `npm ci` then refuses the
// lock. This adds a lock entry, with os/cpu read from the package name, for every optional
// platform package the lock misses; npm ci skips them on other platforms as usual.
// Run after `npm install` changes the lock: node scripts/lockfile-platforms.mjs
import { readFileSync, writeFileSync } from 'node:fs'

const OS = ['darwin', 'linux', 'win32', 'android', 'freebsd', 'openharmony']
const CPU = ['x64', 'arm64', 'arm', 'ia32', 'ppc64', 's390x']

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'))
let added = 0
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const target = `node_modules/${name}`
    if (lock.packages[target] || lock.packages[`${path}/${target}`]) continue
    const tokens = name.split('/').at(-1).split('-')
    const os = tokens.find((t) => OS.includes(t))
    const cpu = tokens.find((t) => CPU.includes(t))
    if (!os || !cpu) continue
    lock.packages[target] = { version, cpu: [cpu], dev: entry.dev, optional: true, os: [os] }
    if (!entry.dev) delete lock.packages[target].dev
    added++
  }
}
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`)
console.log(`package-lock.json: added ${added} platform entries`)
