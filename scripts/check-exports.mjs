#!/usr/bin/env node
// After a build: every target of package.json's `exports`, `main`, `types` and `bin` exists,
// and every subpath that maps JavaScript also maps its types. Exits 1 naming what is missing.
import { existsSync, readFileSync } from 'node:fs'

const root = new URL('../', import.meta.url)
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'))

/** [subpath, condition path, target] for every string target under one subpath. */
function targetsOf(subpath, value, conditions = []) {
  if (typeof value === 'string') return [[subpath, conditions.join('.') || '(plain)', value]]
  return Object.entries(value).flatMap(([condition, inner]) =>
    targetsOf(subpath, inner, [...conditions, condition]),
  )
}

const problems = []
const targets = [
  ['main', '', pkg.main],
  ['types', '', pkg.types],
  ...Object.entries(pkg.bin ?? {}).map(([name, file]) => [`bin ${name}`, '', file]),
  ...Object.entries(pkg.exports).flatMap(([subpath, value]) => targetsOf(subpath, value)),
]
for (const [where, condition, target] of targets) {
  if (!existsSync(new URL(target, root)))
    problems.push(`${where} ${condition}: ${target} does not exist`)
}
for (const [subpath, value] of Object.entries(pkg.exports)) {
  const targetsHere = targetsOf(subpath, value).map(([, , target]) => target)
  const mapsJs = targetsHere.some((target) => target.endsWith('.js'))
  if (mapsJs && !targetsHere.some((target) => target.endsWith('.d.ts'))) {
    problems.push(`${subpath}: maps JavaScript but no types`)
  }
}
if (problems.length > 0) {
  console.error(`package.json exports check failed:\n  ${problems.join('\n  ')}`)
  process.exit(1)
}
console.log(`package.json exports check: ${targets.length} targets exist.`)
