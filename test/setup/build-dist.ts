import { execFile } from 'node:child_process'
import { createRequire } from 'node:module'
import { promisify } from 'node:util'

/**
 * Compiles src/ to dist/ once per run, so edge tests (the CLI, the demo) can run the built
 * program as a child process, as users do, even from a clean checkout without dist/.
 */
export default async function buildDist(): Promise<void> {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
  try {
    await promisify(execFile)(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
      cwd: new URL('../..', import.meta.url),
    })
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string }
    throw new Error(`Building dist/ for the CLI tests failed:\n${stdout}${stderr}`)
  }
}
