#!/usr/bin/env node
// Prints the final CI line "N passed, N failed" from vitest's JSON report.
// A test file that failed to load counts as one failure; a missing report (typecheck or
// lint failed before vitest ran) or a run with no tests counts as one failure too.
import { existsSync, readFileSync } from 'node:fs'

const [file] = process.argv.slice(2)
if (!file || !existsSync(file)) {
  console.log('0 passed, 1 failed')
  process.exit(1)
}
const report = JSON.parse(readFileSync(file, 'utf8'))
const passed = report.numPassedTests ?? 0
const brokenFiles = (report.testResults ?? []).filter(
  (result) =>
    result.status === 'failed' && !result.assertionResults?.some((a) => a.status === 'failed'),
).length
const failed = (report.numFailedTests ?? 0) + brokenFiles + (passed === 0 ? 1 : 0)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
